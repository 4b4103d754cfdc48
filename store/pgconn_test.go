package store

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ours     bool
	}{
		{`SELECT 1`, `SELECT 1`, true},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`, true},
		{`SELECT value FROM t WHERE x = ?1 OR y = ?1`, `SELECT value FROM t WHERE x = $1 OR y = $1`, true},
		{`SELECT ?2, ?, ?1`, `SELECT $2, $3, $1`, true},
		{`SELECT '?', "a?b", ? -- what?` + "\n" + `, ?`, `SELECT '?', "a?b", $1 -- what?` + "\n" + `, $2`, true},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`, true},
		{`SELECT a FROM river_job WHERE id = $1`, `SELECT a FROM river_job WHERE id = $1`, false},
		{`SELECT a FROM t WHERE b ? 'k' AND id = $1`, `SELECT a FROM t WHERE b ? 'k' AND id = $1`, false},
		{`SELECT 'unclosed ?`, `SELECT 'unclosed ?`, true},
	} {
		got, ours := rebind(c.in)
		if got != c.want || ours != c.ours {
			t.Errorf("rebind(%q) = %q, %v; want %q, %v", c.in, got, ours, c.want, c.ours)
		}
	}
}
