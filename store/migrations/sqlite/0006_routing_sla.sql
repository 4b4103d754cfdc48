-- Agents' availability, teams' scope, routing rules, answer-time goals and notifications.
ALTER TABLE users ADD COLUMN away INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0;

ALTER TABLE teams ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE teams ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE teams ADD COLUMN round_robin INTEGER NOT NULL DEFAULT 1;
-- The member who got the team's last round-robin conversation.
ALTER TABLE teams ADD COLUMN last_assigned INTEGER REFERENCES users (id);

CREATE TABLE team_members (
	team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	PRIMARY KEY (team_id, user_id)
);

CREATE TABLE rules (
	id         INTEGER PRIMARY KEY,
	position   INTEGER NOT NULL,
	name       TEXT NOT NULL,
	enabled    INTEGER NOT NULL DEFAULT 1,
	continue   INTEGER NOT NULL DEFAULT 0,
	conditions TEXT NOT NULL, -- JSON
	actions    TEXT NOT NULL, -- JSON
	updated_at INTEGER NOT NULL
);

CREATE TABLE calendars (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL UNIQUE,
	time_zone TEXT NOT NULL,
	week      TEXT NOT NULL, -- JSON: seven lists of spans, Sunday first
	state     TEXT NOT NULL DEFAULT '',
	closed    TEXT NOT NULL DEFAULT '' -- closed days, space separated
);

CREATE TABLE sla_policies (
	id             INTEGER PRIMARY KEY,
	name           TEXT NOT NULL,
	team_id        INTEGER REFERENCES teams (id) ON DELETE CASCADE,
	priority       TEXT NOT NULL DEFAULT '',
	channel        TEXT NOT NULL DEFAULT '',
	first_response INTEGER NOT NULL DEFAULT 0, -- seconds
	next_response  INTEGER NOT NULL DEFAULT 0,
	resolution     INTEGER NOT NULL DEFAULT 0,
	warn_before    INTEGER NOT NULL DEFAULT 0,
	reassign       INTEGER NOT NULL DEFAULT 0,
	calendar_id    INTEGER REFERENCES calendars (id)
);

ALTER TABLE contacts ADD COLUMN vip INTEGER NOT NULL DEFAULT 0;

-- Routing outcome and the answer-time clock of each conversation.
ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN route TEXT NOT NULL DEFAULT ''; -- JSON: the rules that applied and why
ALTER TABLE conversations ADD COLUMN sla_policy_id INTEGER REFERENCES sla_policies (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN sla_clock TEXT NOT NULL DEFAULT ''; -- JSON: the clock's running goals
ALTER TABLE conversations ADD COLUMN sla_due INTEGER; -- the earliest running goal's due time (Unix ms)
ALTER TABLE conversations ADD COLUMN sla_goal TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN sla_warned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conversations_sla ON conversations (sla_due, id) WHERE sla_due IS NOT NULL;

-- What happened to a conversation that its routing and clock have not yet
-- taken in: written in the same transaction as the change, consumed by the router.
CREATE TABLE route_events (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	kind            TEXT NOT NULL, -- new, customer, agent, or the new status
	at              INTEGER NOT NULL
);
CREATE INDEX route_events_conversation ON route_events (conversation_id, id);

CREATE TABLE notifications (
	id              INTEGER PRIMARY KEY,
	user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind            TEXT NOT NULL,
	text            TEXT NOT NULL,
	conversation_id INTEGER REFERENCES conversations (id),
	created_at      INTEGER NOT NULL,
	read_at         INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, id);
