-- The inbox shows open work (open and waiting) by default, with counts per
-- view. A generated column says whether a conversation is open work; the
-- indexes lead with it, so that the default list, "mine", "unassigned",
-- "overdue" and their counts walk the open work in order by one equality,
-- never the solved and closed history (an IN of two statuses would make
-- SQLite sort all open work for every page).
ALTER TABLE conversations ADD COLUMN open_work INTEGER GENERATED ALWAYS AS (status IN ('open', 'waiting')) VIRTUAL;
CREATE INDEX conversations_open_work ON conversations (open_work, last_message_at, id);
CREATE INDEX conversations_open_owner ON conversations (open_work, owner_id, last_message_at, id);
CREATE INDEX conversations_open_due ON conversations (open_work, sla_due, id);
