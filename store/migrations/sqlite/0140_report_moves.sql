-- A changed conversation moved its rollup rows through four triggers: two
-- taking its old rows out before the change and two putting the new ones in
-- after it, each row through a view whose trigger wrote it (two statements a
-- row). Ingest relabels conversations with every message, and these were
-- most of its conversation updates. Now one trigger adds the difference per
-- rollup in one statement: the old rows at -1 and the new at +1, summed, so
-- that rows the change leaves as they were (the topic '' of a relabelled
-- conversation, say) are not written at all. PostgreSQL has the same trigger
-- (postgres/0004_report_moves.sql).
DROP TRIGGER conversations_report_relabel_old;
DROP TRIGGER conversations_report_relabel_new;
DROP TRIGGER conversations_report_open_old;
DROP TRIGGER conversations_report_open_new;

CREATE TRIGGER conversations_report_changed AFTER UPDATE OF created_at, channel, kind, sentiment, language, team_id, owner_id, topics, status ON conversations
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.kind IS NOT NEW.kind OR OLD.sentiment IS NOT NEW.sentiment
	OR OLD.language IS NOT NEW.language OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics
	OR (OLD.status IN ('open', 'waiting')) <> (NEW.status IN ('open', 'waiting')) BEGIN
	INSERT INTO report_day_counts (day, topic, channel, kind, sentiment, language, team_id, owner_id, n)
	SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, sum(sign) FROM (
		SELECT coalesce((SELECT d.start FROM report_days d WHERE d.start <= OLD.created_at ORDER BY d.start DESC LIMIT 1), 0) AS day, t.value AS topic, OLD.channel AS channel, OLD.kind AS kind,
			OLD.sentiment AS sentiment, OLD.language AS language, coalesce(OLD.team_id, 0) AS team_id, coalesce(OLD.owner_id, 0) AS owner_id, -1 AS sign
		FROM json_each(json_insert(CASE WHEN json_valid(OLD.topics) AND json_type(OLD.topics) = 'array' THEN OLD.topics ELSE '[]' END, '$[#]', '')) t
		UNION ALL
		SELECT coalesce((SELECT d.start FROM report_days d WHERE d.start <= NEW.created_at ORDER BY d.start DESC LIMIT 1), 0), t.value, NEW.channel, NEW.kind,
			NEW.sentiment, NEW.language, coalesce(NEW.team_id, 0), coalesce(NEW.owner_id, 0), 1
		FROM json_each(json_insert(CASE WHEN json_valid(NEW.topics) AND json_type(NEW.topics) = 'array' THEN NEW.topics ELSE '[]' END, '$[#]', '')) t
	) WHERE (OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language
		OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics
		OR OLD.kind IS NOT NEW.kind OR OLD.sentiment IS NOT NEW.sentiment)
	GROUP BY day, topic, channel, kind, sentiment, language, team_id, owner_id HAVING sum(sign) <> 0
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM report_day_counts WHERE n = 0 AND (OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language
		OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics
		OR OLD.kind IS NOT NEW.kind OR OLD.sentiment IS NOT NEW.sentiment)
		AND day = coalesce((SELECT d.start FROM report_days d WHERE d.start <= OLD.created_at ORDER BY d.start DESC LIMIT 1), 0) AND channel = OLD.channel AND kind = OLD.kind
		AND sentiment = OLD.sentiment AND language = OLD.language AND team_id = coalesce(OLD.team_id, 0) AND owner_id = coalesce(OLD.owner_id, 0)
		AND topic IN (SELECT value FROM json_each(json_insert(CASE WHEN json_valid(OLD.topics) AND json_type(OLD.topics) = 'array' THEN OLD.topics ELSE '[]' END, '$[#]', '')));
	INSERT INTO report_open_days (topic, day, channel, language, team_id, owner_id, n)
	SELECT topic, day, channel, language, team_id, owner_id, sum(sign) FROM (
		SELECT t.value AS topic, coalesce((SELECT d.start FROM report_days d WHERE d.start <= OLD.created_at ORDER BY d.start DESC LIMIT 1), 0) AS day, OLD.channel AS channel,
			OLD.language AS language, coalesce(OLD.team_id, 0) AS team_id, coalesce(OLD.owner_id, 0) AS owner_id, -1 AS sign
		FROM json_each(json_insert(CASE WHEN json_valid(OLD.topics) AND json_type(OLD.topics) = 'array' THEN OLD.topics ELSE '[]' END, '$[#]', '')) t
		WHERE OLD.status IN ('open', 'waiting') AND (NEW.status NOT IN ('open', 'waiting') OR OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language
			OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics)
		UNION ALL
		SELECT t.value, coalesce((SELECT d.start FROM report_days d WHERE d.start <= NEW.created_at ORDER BY d.start DESC LIMIT 1), 0), NEW.channel,
			NEW.language, coalesce(NEW.team_id, 0), coalesce(NEW.owner_id, 0), 1
		FROM json_each(json_insert(CASE WHEN json_valid(NEW.topics) AND json_type(NEW.topics) = 'array' THEN NEW.topics ELSE '[]' END, '$[#]', '')) t
		WHERE NEW.status IN ('open', 'waiting') AND (OLD.status NOT IN ('open', 'waiting') OR OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language
			OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics)
	) WHERE true
	GROUP BY topic, day, channel, language, team_id, owner_id HAVING sum(sign) <> 0
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM report_open_days WHERE n = 0 AND OLD.status IN ('open', 'waiting') AND (NEW.status NOT IN ('open', 'waiting') OR OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language
			OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics)
		AND day = coalesce((SELECT d.start FROM report_days d WHERE d.start <= OLD.created_at ORDER BY d.start DESC LIMIT 1), 0) AND channel = OLD.channel AND language = OLD.language
		AND team_id = coalesce(OLD.team_id, 0) AND owner_id = coalesce(OLD.owner_id, 0)
		AND topic IN (SELECT value FROM json_each(json_insert(CASE WHEN json_valid(OLD.topics) AND json_type(OLD.topics) = 'array' THEN OLD.topics ELSE '[]' END, '$[#]', '')));
END;
