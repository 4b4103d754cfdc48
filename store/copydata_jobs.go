package store

// pendingJobs copies River's jobs still to run: SLA timers, survey
// invitations, deliveries waiting for their next attempt. River keeps
// them in other types on each engine: JSON in SQLite's binary form
// becomes jsonb, the tags an array, the timestamps (UTC text in SQLite)
// timestamptz, the state its enum and the unique states a bit string in
// the same order (bit 0 for available is the last of PostgreSQL's eight).
// Finished jobs are history River itself deletes after a while.
func pendingJobs() *copyTable {
	timestamp := `strftime('%Y-%m-%dT%H:%M:%fZ', `
	return &copyTable{
		name: "river_job", target: "river_job", key: []string{"id"}, intKey: true,
		columns: []string{"id", "args", "attempt", "attempted_at", "created_at", "kind", "max_attempts", "metadata", "priority",
			"queue", "state", "scheduled_at", "tags", "unique_key", "unique_states"},
		where: `state NOT IN ('completed', 'cancelled', 'discarded')`,
		reads: map[string]string{"args": `json(args)`, "metadata": `json(metadata)`, "tags": `json(tags)`,
			"attempted_at": timestamp + `attempted_at)`, "created_at": timestamp + `created_at)`, "scheduled_at": timestamp + `scheduled_at)`},
		writes: map[string]string{"args": `CAST(? AS jsonb)`, "metadata": `CAST(? AS jsonb)`,
			"tags":         `CAST(ARRAY(SELECT jsonb_array_elements_text(CAST(? AS jsonb))) AS varchar(255)[])`,
			"attempted_at": `CAST(? AS timestamptz)`, "created_at": `CAST(? AS timestamptz)`, "scheduled_at": `CAST(? AS timestamptz)`,
			"state": `CAST(? AS river_job_state)`, "unique_states": `CAST(CAST(? AS integer) AS bit(8))`},
	}
}
