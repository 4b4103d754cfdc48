-- The monitor's judgement of each message of a storm's key and time: in
-- the crisis room or not, how sure (the cosine to the storm's centre) and
-- why (reason, and the hashtags, links or terms it rests on). Messages
-- linked before judgements existed stay in, as sure as can be.
ALTER TABLE alert_messages ADD COLUMN member INTEGER NOT NULL DEFAULT 1;
ALTER TABLE alert_messages ADD COLUMN score REAL NOT NULL DEFAULT 1;
ALTER TABLE alert_messages ADD COLUMN reason TEXT NOT NULL DEFAULT 'linked';
ALTER TABLE alert_messages ADD COLUMN evidence TEXT NOT NULL DEFAULT '';

-- A manager's choices about a crisis room: one message, or every message
-- of one customer, in or out. The latest choice that names a message or its
-- customer overrules the monitor.
CREATE TABLE alert_room_choices (
	id         INTEGER PRIMARY KEY,
	alert_id   INTEGER NOT NULL REFERENCES alerts (id),
	message_id INTEGER REFERENCES messages (id),
	contact_id INTEGER REFERENCES contacts (id),
	include    INTEGER NOT NULL,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created_at INTEGER NOT NULL,
	CHECK ((message_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX alert_room_choices_alert ON alert_room_choices (alert_id);

-- room_messages is every judged message of an alert with the choice in force.
CREATE VIEW room_messages AS
SELECT am.alert_id, am.message_id, am.score, am.reason, am.evidence, am.member, i.contact_id,
	ch.id AS choice_id, coalesce(ch.include, am.member) AS in_room
FROM alert_messages am
JOIN messages m ON m.id = am.message_id
LEFT JOIN identities i ON i.id = m.identity_id
LEFT JOIN alert_room_choices ch ON ch.id = (SELECT max(c.id) FROM alert_room_choices c
	WHERE c.alert_id = am.alert_id AND (c.message_id = am.message_id OR c.contact_id = i.contact_id));

-- A statement fit to be said in public lets a bulk reply answer publicly.
ALTER TABLE alerts ADD COLUMN statement_public INTEGER NOT NULL DEFAULT 0;
