package store

// contains is the condition that the text haystack holds needle as a plain
// substring (SQLite's instr; PostgreSQL names it strpos).
func (e engine) contains(haystack, needle string) string {
	if e == postgresEngine {
		return `strpos(` + haystack + `, ` + needle + `) > 0`
	}
	return `instr(` + haystack + `, ` + needle + `) > 0`
}

// joinInOrder is the inner join that keeps the table before it as the outer
// loop: SQLite's CROSS JOIN, which its planner never reorders. PostgreSQL's
// CROSS JOIN takes no ON; its planner chooses the order for itself.
func (e engine) joinInOrder() string {
	if e == postgresEngine {
		return `JOIN`
	}
	return `CROSS JOIN`
}
