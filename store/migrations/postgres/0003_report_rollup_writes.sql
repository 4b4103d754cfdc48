-- The report rollups of 0001 counted through views with INSTEAD OF triggers,
-- one PL/pgSQL call per rollup row and four triggers per changed
-- conversation; ingest spent most of its time in them. The same counts now
-- come from one statement per rollup: new conversations are counted once per
-- INSERT statement from its transition table, a changed or deleted one by a
-- single row trigger that reads OLD and NEW directly. The views stay for the
-- recount (store.CountReportsIn) and the tests that compare the engines.

DROP TRIGGER conversations_report_new ON conversations;
DROP TRIGGER conversations_report_gone ON conversations;
DROP TRIGGER conversations_report_relabel_old ON conversations;
DROP TRIGGER conversations_report_relabel_new ON conversations;
DROP TRIGGER conversations_report_open_old ON conversations;
DROP TRIGGER conversations_report_open_new ON conversations;
DROP FUNCTION conversations_report_new();
DROP FUNCTION conversations_report_gone();
DROP FUNCTION conversations_report_relabel_old();
DROP FUNCTION conversations_report_relabel_new();
DROP FUNCTION conversations_report_open_old();
DROP FUNCTION conversations_report_open_new();
DROP VIEW report_day_bumps;
DROP FUNCTION report_day_bump();
DROP VIEW report_open_bumps;
DROP FUNCTION report_open_bump();

-- report_count adds sign for c to the new conversations' rollup, on its
-- local day (the last of report_days begun by its creation; 0 before the
-- first), once for each of its topics and once with topic '' (all), and
-- drops rows that reach zero; report_open does the same for the open work's
-- rollup. The day is looked up inline: a SQL function holding the query
-- would not be inlined and costs a call per row.
CREATE FUNCTION report_count(c conversations, sign bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	d bigint := coalesce((SELECT start FROM report_days WHERE start <= c.created_at ORDER BY start DESC LIMIT 1), 0); -- its local day
BEGIN
	INSERT INTO report_day_counts AS r (day, topic, channel, kind, sentiment, language, team_id, owner_id, n)
	SELECT d, t.topic, c.channel, c.kind, c.sentiment, c.language, coalesce(c.team_id, 0), coalesce(c.owner_id, 0), sign * count(*)
	FROM (SELECT resonanz_topics(c.topics) UNION ALL SELECT '') t (topic) GROUP BY t.topic
	ON CONFLICT (day, topic, channel, kind, sentiment, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n;
	IF sign < 0 THEN
		DELETE FROM report_day_counts r WHERE r.n = 0 AND r.day = d AND r.channel = c.channel AND r.kind = c.kind
			AND r.sentiment = c.sentiment AND r.language = c.language AND r.team_id = coalesce(c.team_id, 0)
			AND r.owner_id = coalesce(c.owner_id, 0) AND r.topic IN (SELECT resonanz_topics(c.topics) UNION ALL SELECT '');
	END IF;
END $$;

CREATE FUNCTION report_open(c conversations, sign bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	d bigint := coalesce((SELECT start FROM report_days WHERE start <= c.created_at ORDER BY start DESC LIMIT 1), 0); -- its local day
BEGIN
	INSERT INTO report_open_days AS r (topic, day, channel, language, team_id, owner_id, n)
	SELECT t.topic, d, c.channel, c.language, coalesce(c.team_id, 0), coalesce(c.owner_id, 0), sign * count(*)
	FROM (SELECT resonanz_topics(c.topics) UNION ALL SELECT '') t (topic) GROUP BY t.topic
	ON CONFLICT (topic, day, channel, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n;
	IF sign < 0 THEN
		DELETE FROM report_open_days r WHERE r.n = 0 AND r.day = d AND r.channel = c.channel AND r.language = c.language
			AND r.team_id = coalesce(c.team_id, 0) AND r.owner_id = coalesce(c.owner_id, 0)
			AND r.topic IN (SELECT resonanz_topics(c.topics) UNION ALL SELECT '');
	END IF;
END $$;

-- New conversations, counted once per INSERT statement.
CREATE FUNCTION conversations_report_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO report_day_counts AS r (day, topic, channel, kind, sentiment, language, team_id, owner_id, n)
	SELECT coalesce(d.start, 0), t.topic, c.channel, c.kind, c.sentiment, c.language, coalesce(c.team_id, 0), coalesce(c.owner_id, 0), count(*)
	FROM added c LEFT JOIN LATERAL (SELECT start FROM report_days WHERE start <= c.created_at ORDER BY start DESC LIMIT 1) d ON true,
		LATERAL (SELECT resonanz_topics(c.topics) UNION ALL SELECT '') t (topic)
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
	ON CONFLICT (day, topic, channel, kind, sentiment, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n;
	INSERT INTO report_open_days AS r (topic, day, channel, language, team_id, owner_id, n)
	SELECT t.topic, coalesce(d.start, 0), c.channel, c.language, coalesce(c.team_id, 0), coalesce(c.owner_id, 0), count(*)
	FROM added c LEFT JOIN LATERAL (SELECT start FROM report_days WHERE start <= c.created_at ORDER BY start DESC LIMIT 1) d ON true,
		LATERAL (SELECT resonanz_topics(c.topics) UNION ALL SELECT '') t (topic)
	WHERE c.status IN ('open', 'waiting')
	GROUP BY 1, 2, 3, 4, 5, 6
	ON CONFLICT (topic, day, channel, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n;
	RETURN NULL;
END $$;
CREATE TRIGGER conversations_report_added AFTER INSERT ON conversations
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION conversations_report_added();

-- A conversation going: its rows are taken out.
CREATE FUNCTION conversations_report_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM report_count(OLD, -1);
	IF OLD.status IN ('open', 'waiting') THEN
		PERFORM report_open(OLD, -1);
	END IF;
	RETURN OLD;
END $$;
CREATE TRIGGER conversations_report_gone BEFORE DELETE ON conversations
FOR EACH ROW EXECUTE FUNCTION conversations_report_gone();

-- A conversation changing what the rollups count it by: its old rows out,
-- its new rows in. The WHEN clause keeps every other update from calling it.
CREATE FUNCTION conversations_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	keys boolean := OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel
		OR OLD.language IS DISTINCT FROM NEW.language OR OLD.team_id IS DISTINCT FROM NEW.team_id
		OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.topics IS DISTINCT FROM NEW.topics;
	was_open boolean := OLD.status IN ('open', 'waiting');
	is_open boolean := NEW.status IN ('open', 'waiting');
BEGIN
	IF keys OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.sentiment IS DISTINCT FROM NEW.sentiment THEN
		PERFORM report_count(OLD, -1);
		PERFORM report_count(NEW, 1);
	END IF;
	IF was_open AND (NOT is_open OR keys) THEN
		PERFORM report_open(OLD, -1);
	END IF;
	IF is_open AND (NOT was_open OR keys) THEN
		PERFORM report_open(NEW, 1);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER conversations_report_changed AFTER UPDATE OF created_at, channel, kind, sentiment, language, team_id, owner_id, topics, status ON conversations
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.kind IS DISTINCT FROM NEW.kind
	OR OLD.sentiment IS DISTINCT FROM NEW.sentiment OR OLD.language IS DISTINCT FROM NEW.language OR OLD.team_id IS DISTINCT FROM NEW.team_id
	OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.topics IS DISTINCT FROM NEW.topics
	OR (OLD.status IN ('open', 'waiting')) <> (NEW.status IN ('open', 'waiting')))
EXECUTE FUNCTION conversations_report_changed();
