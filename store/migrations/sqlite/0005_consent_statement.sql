-- Contact wishes, newest last: a contact's latest row is in force, the
-- earlier ones show who changed it, when and why.
CREATE TABLE contact_consents (
	id              INTEGER PRIMARY KEY,
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	opt_out         INTEGER NOT NULL,
	channels        TEXT NOT NULL, -- comma-separated; '' is every channel
	reason          TEXT NOT NULL,
	conversation_id INTEGER REFERENCES conversations (id),
	user_id         INTEGER NOT NULL REFERENCES users (id),
	created_at      INTEGER NOT NULL
);
CREATE INDEX contact_consents_contact ON contact_consents (contact_id, id);

-- The public statement of an alert's crisis room.
ALTER TABLE alerts ADD COLUMN statement TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN statement_url TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN statement_by INTEGER REFERENCES users (id);
ALTER TABLE alerts ADD COLUMN statement_at INTEGER;

-- Bulk replies from a crisis room; the nonce of the form makes a repeated
-- submit find the reply it already sent.
CREATE TABLE bulk_replies (
	id         INTEGER PRIMARY KEY,
	alert_id   INTEGER NOT NULL REFERENCES alerts (id),
	nonce      TEXT NOT NULL,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	template   TEXT NOT NULL,
	sent       INTEGER NOT NULL,
	skipped    INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (alert_id, nonce)
);
