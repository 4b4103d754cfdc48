-- The files that came with customers' messages, and a mail's original as
-- received. The bytes lie in the data directory at path (made by resonanz,
-- never the sender's name); a file not kept has no path, and refused says
-- why, with the limit that refused it.
CREATE TABLE attachments (
	id          INTEGER PRIMARY KEY,
	message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL,
	size        INTEGER NOT NULL,
	original    INTEGER NOT NULL DEFAULT 0,
	path        TEXT NOT NULL DEFAULT '',
	refused     TEXT NOT NULL DEFAULT '',
	limit_bytes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id);

-- Where a customer asked replies to go when not to their handle: a mail's
-- Reply-To naming another address.
CREATE TABLE message_reply_addresses (
	message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
	address    TEXT NOT NULL
);
