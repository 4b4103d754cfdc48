package store

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// copyTable is one table of the copy: its columns as SQLite has them, how
// its rows are ordered, and what the target needs while they are written.
type copyTable struct {
	name    string   // the table read in the source
	target  string   // the table written in the target (and counted on both sides)
	columns []string // written columns; generated ones are left to the target
	key     []string // primary key columns, the order rows are copied in
	// intKey: the key is one integer column, so that a copy interrupted
	// midway goes on after the largest key the target holds.
	intKey bool
	// selfRefs are columns referring to the table's own key: a row may
	// point to one copied after it, so that such values are written once
	// all rows are there.
	selfRefs []string
	// seeded: the target's schema writes rows of its own (settings,
	// cursors), which the source's replace.
	seeded bool
	// triggered: the target has triggers on the table (the report
	// rollups), which must not fire for rows copied with their results.
	triggered bool
	// where picks the source's rows to copy ("": all of them).
	where string
	// reads and writes are, for the columns named, the source's expression
	// and the target's value (with ? for the value read) where the plain
	// column and parameter would not do.
	reads, writes map[string]string
	// terms: the contentless full-text table of the source, whose words
	// cannot be read back; they are made anew from text of the table
	// name, as the store makes them when it writes.
	terms *termsSource
}

// termsSource is where the words of a full-text table come from.
type termsSource struct{ table, text string }

// derivedTerms are SQLite's contentless full-text tables and the text the
// store indexes in them (see reply.go, ingest.go and article.go).
var derivedTerms = map[string]termsSource{
	"message_terms":      {"messages", "text"},
	"help_article_terms": {"help_articles", "title || ' ' || category || ' ' || body"},
}

// copyPlan lists the tables to copy, parents before children. Left out:
// SQLite's own tables and the shadow tables of full-text search, the list
// of applied migrations (each engine has its own) and River's tables but
// its jobs still to run (River makes its own queues, leader and
// migrations on each engine).
func copyPlan(ctx context.Context, from, to *DB) ([]*copyTable, error) {
	names, err := collect(ctx, from.read, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'river\_%' ESCAPE '\' AND name <> 'migrations' ORDER BY name`, nil,
		func(row interface{ Scan(...any) error }) (name string, err error) { return name, row.Scan(&name) })
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	seeded, err := seededTables()
	if err != nil {
		return nil, err
	}
	triggered, err := triggeredTables(ctx, to)
	if err != nil {
		return nil, err
	}
	byName := map[string]*copyTable{}
	parents := map[string][]string{}
	for _, name := range names {
		t := &copyTable{name: name, target: name, seeded: seeded[name], triggered: triggered[name]}
		if err := t.readColumns(ctx, from); err != nil {
			return nil, fmt.Errorf("columns of %s: %w", name, err)
		}
		refs, err := collect(ctx, from.read, `SELECT "table", "from" FROM pragma_foreign_key_list(?)`, []any{name},
			func(row interface{ Scan(...any) error }) (ref [2]string, err error) {
				return ref, row.Scan(&ref[0], &ref[1])
			})
		if err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", name, err)
		}
		for _, ref := range refs {
			if ref[0] == name {
				t.selfRefs = append(t.selfRefs, ref[1])
			} else {
				parents[name] = append(parents[name], ref[0])
			}
		}
		byName[name] = t
	}
	jobs := pendingJobs()
	jobs.triggered = triggered[jobs.name]
	byName[jobs.name] = jobs
	for name, src := range derivedTerms {
		t := &copyTable{name: src.table, target: name, columns: []string{"rowid", "terms"}, key: []string{"rowid"}, intKey: true, terms: &src}
		byName[name] = t
		parents[name] = []string{src.table}
	}
	return parentsFirst(byName, parents)
}

// readColumns reads the table's written columns and its key.
func (t *copyTable) readColumns(ctx context.Context, from *DB) error {
	type column struct {
		name, typ  string
		pk, hidden int
	}
	cols, err := collect(ctx, from.read, `SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)`, []any{t.name},
		func(row interface{ Scan(...any) error }) (c column, err error) {
			return c, row.Scan(&c.name, &c.typ, &c.pk, &c.hidden)
		})
	if err != nil {
		return err
	}
	sort.SliceStable(cols, func(i, j int) bool { return cols[i].pk > 0 && (cols[j].pk == 0 || cols[i].pk < cols[j].pk) })
	for _, c := range cols {
		if c.hidden != 0 { // generated columns, which the target computes
			continue
		}
		t.columns = append(t.columns, c.name)
		if c.pk > 0 {
			t.key = append(t.key, c.name)
		}
	}
	t.intKey = len(t.key) == 1 && strings.EqualFold(cols[0].typ, "INTEGER")
	if len(t.key) == 0 { // no declared key: the order rows were written in
		t.key = []string{"rowid"}
	}
	return nil
}

// parentsFirst orders the tables so that each comes after the tables its
// foreign keys refer to, by name where that leaves a choice.
func parentsFirst(byName map[string]*copyTable, parents map[string][]string) ([]*copyTable, error) {
	var names []string
	for name := range byName {
		names = append(names, name)
	}
	sort.Strings(names)
	var order []*copyTable
	state := map[string]int{} // 1: being placed, 2: placed
	var place func(name string, path []string) error
	place = func(name string, path []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("the foreign keys of %s go round in a circle", strings.Join(append(path, name), " → "))
		case 2:
			return nil
		}
		state[name] = 1
		ps := slices.Clone(parents[name])
		sort.Strings(ps)
		for _, p := range ps {
			if _, ok := byName[p]; !ok {
				continue
			}
			if err := place(p, append(path, name)); err != nil {
				return err
			}
		}
		state[name] = 2
		order = append(order, byName[name])
		return nil
	}
	for _, name := range names {
		if err := place(name, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// seededTables are the tables whose rows the PostgreSQL schema writes
// itself (the defaults of settings, the cursors).
func seededTables() (map[string]bool, error) {
	files, err := fs.Glob(migrationFS, "migrations/postgres/*.sql")
	if err != nil {
		return nil, err
	}
	seeded := map[string]bool{}
	insert := regexp.MustCompile(`(?m)^INSERT INTO (\w+)`)
	for _, f := range files {
		body, err := fs.ReadFile(migrationFS, f)
		if err != nil {
			return nil, err
		}
		for _, m := range insert.FindAllSubmatch(body, -1) {
			seeded[string(m[1])] = true
		}
	}
	return seeded, nil
}

// triggeredTables are the target's tables with triggers of the schema's
// own (not the ones PostgreSQL makes for foreign keys).
func triggeredTables(ctx context.Context, to *DB) (map[string]bool, error) {
	names, err := collect(ctx, to.read, `SELECT DISTINCT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
		WHERE NOT g.tgisinternal AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace`, nil,
		func(row interface{ Scan(...any) error }) (name string, err error) { return name, row.Scan(&name) })
	if err != nil {
		return nil, fmt.Errorf("list the target's triggers: %w", err)
	}
	triggered := map[string]bool{}
	for _, n := range names {
		triggered[n] = true
	}
	return triggered, nil
}
