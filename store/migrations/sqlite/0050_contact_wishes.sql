-- Contact wishes per purpose and channel, as facts: a contact's newest row
-- per (purpose, channel) is in force, the earlier ones are the history.
-- purpose 'contact' is "do not contact" (denied) and holds on every channel;
-- channel '' is every channel. Wording is the exact statement the customer
-- agreed to; reason an agent's note of where the wish came from.
CREATE TABLE contact_wishes (
	id              INTEGER PRIMARY KEY,
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	purpose         TEXT NOT NULL CHECK (purpose IN ('contact', 'service', 'survey', 'news')),
	channel         TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL CHECK (state IN ('allowed', 'denied', 'unknown')),
	source          TEXT NOT NULL CHECK (source IN ('agent', 'customer', 'migrated')),
	wording         TEXT NOT NULL DEFAULT '',
	language        TEXT NOT NULL DEFAULT '',
	reason          TEXT NOT NULL DEFAULT '',
	conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL, -- a deleted conversation leaves the wish
	user_id         INTEGER REFERENCES users (id),
	created_at      INTEGER NOT NULL,
	CHECK (purpose <> 'contact' OR channel = '')
);
CREATE INDEX contact_wishes_contact ON contact_wishes (contact_id, purpose, channel, id);

-- The opt-outs of before (0005) become wishes, row by row in their order,
-- so that the history stays and the wishes in force say what the latest
-- opt-out said:
--   an opt-out on every channel   -> "do not contact" (which now lets a
--                                    direct answer to the customer through);
--   an opt-out on some channels   -> no service replies, surveys or news on
--                                    each of them (form and in-store replies
--                                    go by email, so those name email);
--   contact allowed again         -> "do not contact" lifted.
-- A row ends what the row before it said and it does not say again.
WITH RECURSIVE
split (id, rest, channel) AS (
	SELECT id, channels || ',', '' FROM contact_consents WHERE opt_out = 1 AND channels <> ''
	UNION ALL
	SELECT id, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1) FROM split WHERE rest <> ''
),
purposes (purpose) AS (VALUES ('service'), ('survey'), ('news')),
keys (id, purpose, channel) AS (
	SELECT id, 'contact', '' FROM contact_consents WHERE opt_out = 1 AND channels = ''
	UNION
	SELECT s.id, p.purpose, CASE WHEN s.channel IN ('form', 'instore') THEN 'email' ELSE s.channel END
	FROM split s, purposes p WHERE s.channel <> ''
),
previous (id, prev) AS (
	SELECT r.id, (SELECT max(e.id) FROM contact_consents e WHERE e.contact_id = r.contact_id AND e.id < r.id) FROM contact_consents r
),
facts (old, seq, purpose, channel, state) AS (
	SELECT p.id, 0, k.purpose, k.channel, 'unknown'
	FROM previous p JOIN keys k ON k.id = p.prev JOIN contact_consents r ON r.id = p.id
	WHERE NOT EXISTS (SELECT 1 FROM keys k2 WHERE k2.id = p.id AND k2.purpose = k.purpose AND k2.channel = k.channel)
		AND NOT (r.opt_out = 0 AND k.purpose = 'contact')
	UNION ALL
	SELECT id, 1, purpose, channel, 'denied' FROM keys
	UNION ALL
	SELECT id, 1, 'contact', '', 'allowed' FROM contact_consents WHERE opt_out = 0
)
INSERT INTO contact_wishes (contact_id, purpose, channel, state, source, reason, conversation_id, user_id, created_at)
SELECT cc.contact_id, f.purpose, f.channel, f.state, 'migrated', cc.reason, cc.conversation_id, cc.user_id, cc.created_at
FROM facts f JOIN contact_consents cc ON cc.id = f.old
ORDER BY f.old, f.seq, f.purpose, f.channel;

DROP TABLE contact_consents;

-- Every outbox entry says what it is and for which purpose it may leave,
-- and by which rule of the consent check it did.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'reply';
ALTER TABLE outbox ADD COLUMN purpose TEXT NOT NULL DEFAULT 'service';
ALTER TABLE outbox ADD COLUMN consent TEXT NOT NULL DEFAULT '';
