-- A conversation was created when its customer wrote its first message, not
-- when resonanz stored it: its answer-time clock starts then.
UPDATE conversations SET created_at = (SELECT min(m.sent_at) FROM messages m
	WHERE m.conversation_id = conversations.id AND m.direction = 'in')
WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND m.direction = 'in');
