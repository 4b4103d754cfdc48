-- Versions of the analysis an installation learned from its agents'
-- corrections, and resets back to the shipped models; the newest accepted
-- row is live. Refused versions stay as a record of the guard's decision.
CREATE TABLE model_versions (
	id            INTEGER PRIMARY KEY,
	reset         INTEGER NOT NULL DEFAULT 0,
	accepted      INTEGER NOT NULL,
	learned       INTEGER NOT NULL DEFAULT 0,
	held_back     INTEGER NOT NULL DEFAULT 0,
	score         REAL NOT NULL DEFAULT 0,
	live_score    REAL NOT NULL DEFAULT 0,
	shipped_score REAL NOT NULL DEFAULT 0,
	since         INTEGER NOT NULL DEFAULT 0,
	through       INTEGER NOT NULL DEFAULT 0,
	delta         BLOB,
	user_id       INTEGER REFERENCES users (id),
	created_at    INTEGER NOT NULL
);
