-- The newest message the storm monitor of a cluster has observed live, so
-- that the node taking over observes what was stored after it, and only
-- learns from what came before.
CREATE TABLE monitor_cursor (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	last_id INTEGER NOT NULL
);
