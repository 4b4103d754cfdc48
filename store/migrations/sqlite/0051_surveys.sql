-- A conversation marked sensitive gets no survey; solved_at is when it was
-- last solved, which the survey job checks, so that a case reopened (and
-- solved again) before the survey leaves gets none for the first solve;
-- survey_for is the solved_at whose survey was decided (sent or skipped),
-- so that each solve is decided once.
ALTER TABLE conversations ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN solved_at INTEGER;
ALTER TABLE conversations ADD COLUMN survey_for INTEGER;

-- The leads' settings of the satisfaction surveys (one row).
CREATE TABLE survey_settings (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	delay_s     INTEGER NOT NULL,
	every_days  INTEGER NOT NULL,
	ask_unknown INTEGER NOT NULL,
	invite      TEXT NOT NULL, -- JSON: language -> text with {link}
	footer      INTEGER NOT NULL,
	footer_text TEXT NOT NULL, -- JSON: language -> text with {link}
	updated_by  INTEGER REFERENCES users (id),
	updated_at  INTEGER NOT NULL
);
INSERT INTO survey_settings (id, delay_s, every_days, ask_unknown, invite, footer, footer_text, updated_at) VALUES (1, 7200, 30, 1,
	'{"de":"Ihr Anliegen ist erledigt. Waren Sie zufrieden? Eine Frage, ein Klick: {link}","en":"Your request has been dealt with. Were you satisfied? One question, one click: {link}"}',
	0,
	'{"de":"Wann und wofür wir Sie kontaktieren dürfen, bestimmen Sie hier: {link}","en":"Choose when and why we may contact you: {link}"}',
	0);

-- Which question conversations of a team on a channel get; the most
-- specific row holds; none: no survey. team_id NULL: every team; channel
-- '': every channel; question '': none (to turn one team or channel off).
CREATE TABLE survey_choices (
	id       INTEGER PRIMARY KEY,
	team_id  INTEGER REFERENCES teams (id) ON DELETE CASCADE,
	channel  TEXT NOT NULL DEFAULT '',
	question TEXT NOT NULL CHECK (question IN ('', 'csat', 'nps'))
);
CREATE UNIQUE INDEX survey_choices_key ON survey_choices (coalesce(team_id, 0), channel);

-- Surveys sent and their answers; the agent is who owned the conversation
-- when the survey left. A deleted conversation (retention) leaves its
-- surveys' scores for the leads' figures, no longer attached to it.
CREATE TABLE surveys (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	agent_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
	team_id         INTEGER REFERENCES teams (id) ON DELETE SET NULL,
	channel         TEXT NOT NULL,
	question        TEXT NOT NULL CHECK (question IN ('csat', 'nps')),
	language        TEXT NOT NULL,
	message_id      INTEGER REFERENCES messages (id) ON DELETE SET NULL,
	solved_at       INTEGER NOT NULL,
	sent_at         INTEGER NOT NULL,
	score           INTEGER,
	comment         TEXT NOT NULL DEFAULT '',
	answered_at     INTEGER
);
CREATE INDEX surveys_contact ON surveys (contact_id, sent_at);
CREATE INDEX surveys_conversation ON surveys (conversation_id, id);
CREATE INDEX surveys_sent ON surveys (sent_at);
