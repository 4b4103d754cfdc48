package store

// contains is the condition that the text haystack holds needle as a plain
// substring (SQLite's instr; PostgreSQL names it strpos).
func (e engine) contains(haystack, needle string) string {
	if e == postgresEngine {
		return `strpos(` + haystack + `, ` + needle + `) > 0`
	}
	return `instr(` + haystack + `, ` + needle + `) > 0`
}
