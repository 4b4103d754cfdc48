-- What the analysis understood of each customer message, and of each
-- conversation's latest customer message (for inbox badges and filters).
-- Lists (topics, urgency) are comma-separated, sorted or best first.
ALTER TABLE messages ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN sentiment TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN sentiment_score REAL NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN kind_scores TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN topics TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN urgency TEXT NOT NULL DEFAULT '';

ALTER TABLE conversations ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN sentiment TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN topics TEXT NOT NULL DEFAULT '';
-- Urgency collects the signals of all customer messages in the conversation.
ALTER TABLE conversations ADD COLUMN urgency TEXT NOT NULL DEFAULT '';

-- An agent's correction of a label; resonanz train learns from them.
CREATE TABLE label_corrections (
	id         INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL REFERENCES messages (id),
	field      TEXT NOT NULL CHECK (field IN ('sentiment', 'kind', 'topics', 'language')),
	old_value  TEXT NOT NULL,
	new_value  TEXT NOT NULL,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created_at INTEGER NOT NULL
);
CREATE INDEX label_corrections_message ON label_corrections (message_id);
