-- Storm alerts and the customer messages in each alert's crisis room.
CREATE TABLE alerts (
	id              INTEGER PRIMARY KEY,
	key             TEXT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
	severity        INTEGER NOT NULL,
	count           INTEGER NOT NULL,
	window_seconds  INTEGER NOT NULL,
	expected        REAL NOT NULL,
	ratio           REAL NOT NULL,
	growth          REAL NOT NULL,
	channels        INTEGER NOT NULL,
	authors         INTEGER NOT NULL,
	top_terms       TEXT NOT NULL,
	urgent          INTEGER NOT NULL,
	first_seen      INTEGER NOT NULL,
	last_seen       INTEGER NOT NULL,
	acknowledged_by INTEGER REFERENCES users (id),
	acknowledged_at INTEGER,
	resolved_at     INTEGER
);
CREATE INDEX alerts_status ON alerts (status, id);

CREATE TABLE alert_messages (
	alert_id   INTEGER NOT NULL REFERENCES alerts (id),
	message_id INTEGER NOT NULL REFERENCES messages (id),
	PRIMARY KEY (alert_id, message_id)
);
