-- The company's accounts on the platforms; secrets are sealed by the channel package.
CREATE TABLE channel_accounts (
	id              INTEGER PRIMARY KEY,
	kind            TEXT NOT NULL,
	name            TEXT NOT NULL UNIQUE,
	settings        TEXT NOT NULL DEFAULT '{}',
	secrets         BLOB,
	paused          INTEGER NOT NULL DEFAULT 0,
	demo            INTEGER NOT NULL DEFAULT 0,
	cursor          TEXT NOT NULL DEFAULT '',
	last_success_at INTEGER,
	last_error      TEXT NOT NULL DEFAULT '',
	last_error_at   INTEGER,
	failures        INTEGER NOT NULL DEFAULT 0,
	next_try_at     INTEGER,
	created_at      INTEGER NOT NULL
);

ALTER TABLE messages ADD COLUMN account_id INTEGER REFERENCES channel_accounts (id) ON DELETE SET NULL;
-- 0: a public post that names the company without writing to it (listening).
ALTER TABLE messages ADD COLUMN addressed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX messages_account ON messages (conversation_id, account_id) WHERE account_id IS NOT NULL;

-- The outbox learns where a reply leaves, how it went and where it can be seen.
CREATE TABLE outbox_channels (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	message_id      INTEGER NOT NULL REFERENCES messages (id),
	account_id      INTEGER REFERENCES channel_accounts (id) ON DELETE SET NULL,
	channel         TEXT NOT NULL,
	visibility      TEXT NOT NULL,
	state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'held')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	next_try_at     INTEGER,
	external_id     TEXT,
	url             TEXT NOT NULL DEFAULT '',
	sent_at         INTEGER,
	created_at      INTEGER NOT NULL
);
INSERT INTO outbox_channels (id, conversation_id, message_id, channel, visibility, state, last_error, attempts, created_at)
	SELECT id, conversation_id, message_id, channel, visibility, 'held', 'queued before channel accounts existed', attempts, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_channels RENAME TO outbox;
CREATE INDEX outbox_state ON outbox (state, id);
CREATE INDEX outbox_account ON outbox (account_id, state) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX outbox_message ON outbox (message_id);
