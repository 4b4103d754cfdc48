-- Rollups of the conversations per local day of the company's time zone, kept
-- by triggers in the transaction of every change, so that the reports'
-- overview reads a few rows per day instead of every conversation, and no
-- writer can forget them.

-- The time zone whose local days the rollups count by: '' until the server
-- names it (store.CountReportsIn), which fills report_days and recounts the
-- rollups; until then the reports count from the conversations themselves.
CREATE TABLE report_zone (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL);
INSERT INTO report_zone VALUES (1, '');
-- The local days of that zone, by the UTC millisecond each begins.
CREATE TABLE report_days (start INTEGER PRIMARY KEY);

-- A conversation's rows in the rollups: its local day of creation and, once
-- for every topic and once with topic '' (all of them), its labels now.
CREATE VIEW report_conversation_days AS
SELECT c.id,
	coalesce((SELECT d.start FROM report_days d WHERE d.start <= c.created_at ORDER BY d.start DESC LIMIT 1), 0) AS day,
	t.value AS topic, c.channel, c.kind, c.sentiment, c.language,
	coalesce(c.team_id, 0) AS team_id, coalesce(c.owner_id, 0) AS owner_id, c.status IN ('open', 'waiting') AS is_open
FROM conversations c, json_each(json_insert(CASE WHEN json_valid(c.topics) AND json_type(c.topics) = 'array' THEN c.topics ELSE '[]' END, '$[#]', '')) t;

-- New conversations per local day of creation and labels now.
CREATE TABLE report_day_counts (
	day       INTEGER NOT NULL,
	topic     TEXT NOT NULL,
	channel   TEXT NOT NULL,
	kind      TEXT NOT NULL,
	sentiment TEXT NOT NULL,
	language  TEXT NOT NULL,
	team_id   INTEGER NOT NULL,
	owner_id  INTEGER NOT NULL,
	n         INTEGER NOT NULL,
	PRIMARY KEY (day, topic, channel, kind, sentiment, language, team_id, owner_id)
) WITHOUT ROWID;

-- Open work now per local day of creation; topic first, as the backlog reads
-- all days of one topic (or of all, '').
CREATE TABLE report_open_days (
	topic    TEXT NOT NULL,
	day      INTEGER NOT NULL,
	channel  TEXT NOT NULL,
	language TEXT NOT NULL,
	team_id  INTEGER NOT NULL,
	owner_id INTEGER NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (topic, day, channel, language, team_id, owner_id)
) WITHOUT ROWID;

-- Inserting into these views adds n to a rollup's row and drops rows that
-- reach zero, so that a rollup only holds days that have something.
CREATE VIEW report_day_bumps AS SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, n FROM report_day_counts;
CREATE TRIGGER report_day_bump INSTEAD OF INSERT ON report_day_bumps BEGIN
	INSERT INTO report_day_counts VALUES (NEW.day, NEW.topic, NEW.channel, NEW.kind, NEW.sentiment, NEW.language, NEW.team_id, NEW.owner_id, NEW.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM report_day_counts WHERE NEW.n < 0 AND day = NEW.day AND topic = NEW.topic AND channel = NEW.channel AND kind = NEW.kind
		AND sentiment = NEW.sentiment AND language = NEW.language AND team_id = NEW.team_id AND owner_id = NEW.owner_id AND n = 0;
END;
CREATE VIEW report_open_bumps AS SELECT topic, day, channel, language, team_id, owner_id, n FROM report_open_days;
CREATE TRIGGER report_open_bump INSTEAD OF INSERT ON report_open_bumps BEGIN
	INSERT INTO report_open_days VALUES (NEW.topic, NEW.day, NEW.channel, NEW.language, NEW.team_id, NEW.owner_id, NEW.n)
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM report_open_days WHERE NEW.n < 0 AND topic = NEW.topic AND day = NEW.day AND channel = NEW.channel
		AND language = NEW.language AND team_id = NEW.team_id AND owner_id = NEW.owner_id AND n = 0;
END;

CREATE TRIGGER conversations_report_new AFTER INSERT ON conversations BEGIN
	INSERT INTO report_day_bumps SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, 1
		FROM report_conversation_days WHERE id = NEW.id;
	INSERT INTO report_open_bumps SELECT topic, day, channel, language, team_id, owner_id, 1
		FROM report_conversation_days WHERE id = NEW.id AND is_open;
END;

-- Before a row changes or goes, its old rows are taken out (read from the
-- row as it still is); after the change its new rows are put in.
CREATE TRIGGER conversations_report_gone BEFORE DELETE ON conversations BEGIN
	INSERT INTO report_day_bumps SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, -1
		FROM report_conversation_days WHERE id = OLD.id;
	INSERT INTO report_open_bumps SELECT topic, day, channel, language, team_id, owner_id, -1
		FROM report_conversation_days WHERE id = OLD.id AND is_open;
END;

CREATE TRIGGER conversations_report_relabel_old BEFORE UPDATE OF created_at, channel, kind, sentiment, language, team_id, owner_id, topics ON conversations
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.kind IS NOT NEW.kind OR OLD.sentiment IS NOT NEW.sentiment
	OR OLD.language IS NOT NEW.language OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics BEGIN
	INSERT INTO report_day_bumps SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, -1
		FROM report_conversation_days WHERE id = OLD.id;
END;
CREATE TRIGGER conversations_report_relabel_new AFTER UPDATE OF created_at, channel, kind, sentiment, language, team_id, owner_id, topics ON conversations
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.kind IS NOT NEW.kind OR OLD.sentiment IS NOT NEW.sentiment
	OR OLD.language IS NOT NEW.language OR OLD.team_id IS NOT NEW.team_id OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics BEGIN
	INSERT INTO report_day_bumps SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, 1
		FROM report_conversation_days WHERE id = NEW.id;
END;

CREATE TRIGGER conversations_report_open_old BEFORE UPDATE OF created_at, channel, language, team_id, owner_id, topics, status ON conversations
WHEN OLD.status IN ('open', 'waiting') AND (NEW.status NOT IN ('open', 'waiting') OR OLD.created_at IS NOT NEW.created_at
	OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language OR OLD.team_id IS NOT NEW.team_id
	OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics) BEGIN
	INSERT INTO report_open_bumps SELECT topic, day, channel, language, team_id, owner_id, -1
		FROM report_conversation_days WHERE id = OLD.id;
END;
CREATE TRIGGER conversations_report_open_new AFTER UPDATE OF created_at, channel, language, team_id, owner_id, topics, status ON conversations
WHEN NEW.status IN ('open', 'waiting') AND (OLD.status NOT IN ('open', 'waiting') OR OLD.created_at IS NOT NEW.created_at
	OR OLD.channel IS NOT NEW.channel OR OLD.language IS NOT NEW.language OR OLD.team_id IS NOT NEW.team_id
	OR OLD.owner_id IS NOT NEW.owner_id OR OLD.topics IS NOT NEW.topics) BEGIN
	INSERT INTO report_open_bumps SELECT topic, day, channel, language, team_id, owner_id, 1
		FROM report_conversation_days WHERE id = NEW.id;
END;

-- The answer-time percentiles read only the period's answered, solved or
-- goal-bearing conversations, not every one of the period.
CREATE INDEX conversations_answers ON conversations (created_at, channel, team_id, owner_id, language, topics,
	first_response_at, resolved_at, sla_policy_id, sla_breached)
WHERE first_response_at IS NOT NULL OR resolved_at IS NOT NULL OR sla_policy_id IS NOT NULL;
