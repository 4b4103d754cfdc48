-- The texts of a bulk reply beside its German "Sie" text (bulk_replies.template).
CREATE TABLE bulk_reply_variants (
	bulk_reply_id INTEGER NOT NULL REFERENCES bulk_replies (id),
	variant       TEXT NOT NULL,
	template      TEXT NOT NULL,
	PRIMARY KEY (bulk_reply_id, variant)
);

-- Every customer of the crisis room when a bulk reply went out: the variant
-- and visibility they got, whether their words were quoted, or why they got
-- nothing (skip).
CREATE TABLE bulk_reply_recipients (
	bulk_reply_id   INTEGER NOT NULL REFERENCES bulk_replies (id),
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	variant         TEXT NOT NULL,
	visibility      TEXT NOT NULL,
	quoted          INTEGER NOT NULL,
	skip            TEXT NOT NULL,
	PRIMARY KEY (bulk_reply_id, contact_id)
);
