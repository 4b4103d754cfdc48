-- A changed conversation moved its rollup rows in a row trigger, one
-- call and its statements for each conversation: 30 ms of a 33 ms update of
-- 64 conversations, the biggest part of ingest's time on PostgreSQL. Now the
-- trigger runs once per UPDATE statement and moves the rows of all its
-- conversations together, from the statement's transition tables: the old
-- rows at -1 and the new at +1, summed, only for conversations whose keys
-- changed. A rollup row that reaches zero is deleted by its key, as it comes
-- back from the upsert (a join on "n = 0" has no statistics to go by and
-- read the whole rollup for every conversation).
-- Transition tables cannot name columns, so the trigger now fires on every
-- UPDATE of conversations; it returns at once when no conversation changed
-- a key or its status (the router's due times, the previews).
DROP TRIGGER conversations_report_changed ON conversations;

CREATE OR REPLACE FUNCTION conversations_report_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	gone record;
BEGIN
	IF NOT EXISTS (SELECT FROM before o JOIN after n ON n.id = o.id
		WHERE (o.created_at, o.channel, o.kind, o.sentiment, o.language, o.team_id, o.owner_id, o.topics, o.status)
			IS DISTINCT FROM (n.created_at, n.channel, n.kind, n.sentiment, n.language, n.team_id, n.owner_id, n.topics, n.status)) THEN
		RETURN NULL;
	END IF;
	FOR gone IN INSERT INTO report_day_counts AS r (day, topic, channel, kind, sentiment, language, team_id, owner_id, n)
	SELECT coalesce(d.start, 0), t.topic, s.channel, s.kind, s.sentiment, s.language, coalesce(s.team_id, 0), coalesce(s.owner_id, 0), sum(s.sign)
	FROM before o JOIN after n ON n.id = o.id,
		LATERAL (VALUES (-1, o.created_at, o.channel, o.kind, o.sentiment, o.language, o.team_id, o.owner_id, o.topics),
			(1, n.created_at, n.channel, n.kind, n.sentiment, n.language, n.team_id, n.owner_id, n.topics))
			s (sign, created_at, channel, kind, sentiment, language, team_id, owner_id, topics)
		LEFT JOIN LATERAL (SELECT start FROM report_days WHERE start <= s.created_at ORDER BY start DESC LIMIT 1) d ON true,
		LATERAL (SELECT resonanz_topics(s.topics) UNION ALL SELECT '') t (topic)
	WHERE (o.created_at, o.channel, o.kind, o.sentiment, o.language, o.team_id, o.owner_id, o.topics)
		IS DISTINCT FROM (n.created_at, n.channel, n.kind, n.sentiment, n.language, n.team_id, n.owner_id, n.topics)
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(s.sign) <> 0
	ON CONFLICT (day, topic, channel, kind, sentiment, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n
	RETURNING r.* LOOP
		IF gone.n = 0 THEN
			DELETE FROM report_day_counts WHERE day = gone.day AND topic = gone.topic AND channel = gone.channel AND kind = gone.kind
				AND sentiment = gone.sentiment AND language = gone.language AND team_id = gone.team_id AND owner_id = gone.owner_id;
		END IF;
	END LOOP;
	FOR gone IN INSERT INTO report_open_days AS r (topic, day, channel, language, team_id, owner_id, n)
	SELECT t.topic, coalesce(d.start, 0), s.channel, s.language, coalesce(s.team_id, 0), coalesce(s.owner_id, 0), sum(s.sign)
	FROM before o JOIN after n ON n.id = o.id,
		LATERAL (SELECT -1, o.created_at, o.channel, o.language, o.team_id, o.owner_id, o.topics WHERE o.status IN ('open', 'waiting')
			UNION ALL SELECT 1, n.created_at, n.channel, n.language, n.team_id, n.owner_id, n.topics WHERE n.status IN ('open', 'waiting'))
			s (sign, created_at, channel, language, team_id, owner_id, topics)
		LEFT JOIN LATERAL (SELECT start FROM report_days WHERE start <= s.created_at ORDER BY start DESC LIMIT 1) d ON true,
		LATERAL (SELECT resonanz_topics(s.topics) UNION ALL SELECT '') t (topic)
	WHERE (o.created_at, o.channel, o.language, o.team_id, o.owner_id, o.topics, o.status IN ('open', 'waiting'))
		IS DISTINCT FROM (n.created_at, n.channel, n.language, n.team_id, n.owner_id, n.topics, n.status IN ('open', 'waiting'))
	GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(s.sign) <> 0
	ON CONFLICT (topic, day, channel, language, team_id, owner_id) DO UPDATE SET n = r.n + excluded.n
	RETURNING r.* LOOP
		IF gone.n = 0 THEN
			DELETE FROM report_open_days WHERE topic = gone.topic AND day = gone.day AND channel = gone.channel
				AND language = gone.language AND team_id = gone.team_id AND owner_id = gone.owner_id;
		END IF;
	END LOOP;
	RETURN NULL;
END $$;
CREATE TRIGGER conversations_report_changed AFTER UPDATE ON conversations
REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION conversations_report_changed();
