-- Facts the reports read of each conversation: when it was first answered and
-- when it was solved (NULL while it is open or waiting). Triggers keep them
-- from the route events every change already writes, so no writer can forget them.
ALTER TABLE conversations ADD COLUMN first_response_at INTEGER;
ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;

UPDATE conversations SET first_response_at = (SELECT min(m.sent_at) FROM messages m
	WHERE m.conversation_id = conversations.id AND m.direction = 'out');
UPDATE conversations SET resolved_at = coalesce((SELECT max(a.created_at) FROM audit_events a
	WHERE a.conversation_id = conversations.id AND a.action = 'status'), last_message_at)
WHERE status IN ('solved', 'closed');

CREATE TRIGGER conversations_first_response AFTER INSERT ON route_events
WHEN NEW.kind = 'agent' BEGIN
	UPDATE conversations SET first_response_at = NEW.at WHERE id = NEW.conversation_id AND first_response_at IS NULL;
END;

-- Solved keeps the first moment it was solved (closing later does not move
-- it); reopened clears it. Only rows whose fact disagrees with their status are written.
CREATE TRIGGER conversations_resolved AFTER INSERT ON route_events
WHEN NEW.kind <> 'agent' AND NEW.kind <> 'new' BEGIN
	UPDATE conversations SET resolved_at = CASE WHEN status IN ('solved', 'closed') THEN NEW.at END
	WHERE id = NEW.conversation_id AND (resolved_at IS NULL) = (status IN ('solved', 'closed'));
END;

-- The reports read a period of new conversations from this index alone.
CREATE INDEX conversations_report ON conversations (created_at, channel, kind, sentiment, language, team_id, owner_id,
	status, first_response_at, resolved_at, sla_policy_id, sla_breached, topics);
-- The open work's age, counted for the backlog without reading the table.
-- Partial, so that it does not lead with open_work: the inbox's lists of
-- open work keep their own index, which walks them in order (migration 0033).
CREATE INDEX conversations_open_age ON conversations (created_at, channel, team_id, owner_id, language, topics) WHERE open_work = 1;
