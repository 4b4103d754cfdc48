-- A program acting through an API token appears in audit trails as a user
-- of its own, named after the token, that cannot log in.
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users (id);

-- Event webhooks: which receiver hears of which event kinds. The secret
-- signs every delivery, as the alert webhooks are signed.
CREATE TABLE event_subscriptions (
	id         INTEGER PRIMARY KEY,
	url        TEXT NOT NULL,
	events     TEXT NOT NULL, -- comma-separated event kinds
	secret     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	deleted_at INTEGER
);

-- One row per event and receiver: the delivery log an admin reads and replays.
CREATE TABLE event_deliveries (
	id              INTEGER PRIMARY KEY,
	subscription_id INTEGER NOT NULL REFERENCES event_subscriptions (id),
	event           TEXT NOT NULL,
	event_id        TEXT NOT NULL, -- the same for every receiver of one event
	payload         TEXT NOT NULL,
	state           TEXT NOT NULL, -- pending, delivered, failed
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_status     INTEGER NOT NULL DEFAULT 0, -- the receiver's HTTP status; 0: no answer
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL,
	delivered_at    INTEGER,
	UNIQUE (subscription_id, event_id)
);
CREATE INDEX event_deliveries_subscription ON event_deliveries (subscription_id, id);

-- How far the dispatcher has read each source of events. It starts at the
-- present: receivers hear of what happens from now on, not of the history.
CREATE TABLE event_cursors (
	source  TEXT PRIMARY KEY,
	last_id INTEGER NOT NULL
);
INSERT INTO event_cursors (source, last_id) SELECT 'message', coalesce(max(id), 0) FROM messages;
INSERT INTO event_cursors (source, last_id) SELECT 'audit', coalesce(max(id), 0) FROM audit_events;
INSERT INTO event_cursors (source, last_id) SELECT 'alert', coalesce(max(id), 0) FROM alert_events;
