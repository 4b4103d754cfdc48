-- The timeline of each alert: raised, escalated, acknowledged, statement, bulk reply, resolved.
CREATE TABLE alert_events (
	id         INTEGER PRIMARY KEY,
	alert_id   INTEGER NOT NULL REFERENCES alerts (id),
	user_id    INTEGER REFERENCES users (id),
	kind       TEXT NOT NULL,
	detail     TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, id);
