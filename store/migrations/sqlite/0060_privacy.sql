-- Privacy rights: erasure marks keep a re-imported copy of an erased person's
-- messages out; privacy events record exports and erasures without content;
-- retention policies say after how many months a channel's conversations go.
ALTER TABLE contacts ADD COLUMN erased_at INTEGER;

CREATE TABLE erasure_marks (
	mark      TEXT PRIMARY KEY, -- HMAC of a handle or external id, keyed by a file in the data directory
	erased_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE privacy_events (
	id         INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL,
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('export', 'erase')),
	params     TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);
CREATE INDEX privacy_events_contact ON privacy_events (contact_id, id);

CREATE TABLE retention_policies (
	channel    TEXT PRIMARY KEY,
	months     INTEGER NOT NULL CHECK (months > 0),
	updated_at INTEGER NOT NULL
);
