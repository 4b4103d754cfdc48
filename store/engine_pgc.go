package store

// position is where the text needle first occurs in haystack, counted from
// 1, or 0 where it does not (SQLite's instr, PostgreSQL's strpos).
func (e engine) position(haystack, needle string) string {
	if e == postgresEngine {
		return `strpos(` + haystack + `, ` + needle + `)`
	}
	return `instr(` + haystack + `, ` + needle + `)`
}
