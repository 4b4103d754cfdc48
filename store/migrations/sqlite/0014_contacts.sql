-- Agents link handles to one person and unlink them; each change is kept.
ALTER TABLE contacts ADD COLUMN merged_into INTEGER REFERENCES contacts (id);
CREATE TABLE contact_events (
	id         INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	user_id    INTEGER NOT NULL REFERENCES users (id),
	action     TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
	channel    TEXT NOT NULL,
	handle     TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX contact_events_contact ON contact_events (contact_id, id);
CREATE INDEX identities_handle ON identities (lower(handle));
