-- Times are Unix milliseconds (UTC) so that both engines sort and compare them alike.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'agent')),
	password_hash TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);

CREATE TABLE teams (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

CREATE TABLE contacts (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	customer_ref TEXT UNIQUE,
	created_at   INTEGER NOT NULL
);

CREATE TABLE identities (
	id           INTEGER PRIMARY KEY,
	contact_id   INTEGER NOT NULL REFERENCES contacts (id),
	channel      TEXT NOT NULL,
	handle       TEXT NOT NULL,
	display_name TEXT NOT NULL,
	UNIQUE (channel, handle)
);
CREATE INDEX identities_contact ON identities (contact_id);

CREATE TABLE conversations (
	id              INTEGER PRIMARY KEY,
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	identity_id     INTEGER NOT NULL REFERENCES identities (id),
	channel         TEXT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'solved', 'closed')),
	team_id         INTEGER REFERENCES teams (id),
	owner_id        INTEGER REFERENCES users (id),
	preview         TEXT NOT NULL,
	visibility      TEXT NOT NULL,
	last_message_at INTEGER NOT NULL,
	created_at      INTEGER NOT NULL
);
-- One index per inbox filter, each ending in the sort key, so every page is a short index walk.
CREATE INDEX conversations_inbox ON conversations (last_message_at, id);
CREATE INDEX conversations_status ON conversations (status, last_message_at, id);
CREATE INDEX conversations_channel ON conversations (channel, last_message_at, id);
CREATE INDEX conversations_team ON conversations (team_id, last_message_at, id);
CREATE INDEX conversations_owner ON conversations (owner_id, last_message_at, id);
CREATE INDEX conversations_contact ON conversations (contact_id, channel, status);

CREATE TABLE messages (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	channel         TEXT NOT NULL,
	external_id     TEXT,
	direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
	identity_id     INTEGER REFERENCES identities (id),
	user_id         INTEGER REFERENCES users (id),
	author_name     TEXT NOT NULL,
	text            TEXT NOT NULL,
	visibility      TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
	sent_at         INTEGER NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX messages_external ON messages (channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);

-- Stemmed words of each message (rowid = messages.id); the text itself lives in messages.
CREATE VIRTUAL TABLE message_terms USING fts5 (
	terms, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE notes (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	user_id         INTEGER NOT NULL REFERENCES users (id),
	text            TEXT NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id);

CREATE TABLE audit_events (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	user_id         INTEGER REFERENCES users (id),
	action          TEXT NOT NULL,
	detail          TEXT NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX audit_events_conversation ON audit_events (conversation_id, id);

CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	message_id      INTEGER NOT NULL REFERENCES messages (id),
	channel         TEXT NOT NULL,
	visibility      TEXT NOT NULL,
	state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL
);
CREATE INDEX outbox_pending ON outbox (state, id);
