-- The weeks whose summary has been queued: each week goes out once, across restarts.
CREATE TABLE report_summaries (
	week      TEXT PRIMARY KEY, -- the local date of the week's Monday
	queued_at INTEGER NOT NULL
);
