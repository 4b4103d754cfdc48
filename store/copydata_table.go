package store

import (
	"context"
	"database/sql"
	"math"
	"strings"

	"github.com/resonanz/resonanz/search"
)

// copy brings the table's rows into the target, in batches of their own
// transaction. Resuming, a table the target holds completely is left as
// it is, one it holds in part goes on after its largest key (or, without
// a single integer key, starts again); a table the schema fills itself is
// replaced in one transaction.
func (t *copyTable) copy(ctx context.Context, from, to *DB, opt CopyOptions) error {
	total, err := t.sourceRows(ctx, from)
	if err != nil {
		return err
	}
	done, err := countRows(ctx, to, t.target)
	if err != nil {
		return err
	}
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(CopyProgress{Table: t.target, Done: done, Total: total})
		}
	}
	if t.seeded { // the target's own rows are replaced, not resumed
		done = 0
		progress()
		return t.replace(ctx, from, to, func(n int64) { done = n; progress() })
	}
	if done > 0 && done != total && !t.intKey {
		if err := t.write(ctx, to, `DELETE FROM `+t.target, nil); err != nil {
			return err
		}
		done = 0
	}
	progress()
	after := int64(math.MinInt64)
	if t.intKey && done > 0 && done != total {
		var largest sql.NullInt64
		if err := to.read.QueryRowContext(ctx, `SELECT max(`+t.key[0]+`) FROM `+t.target).Scan(&largest); err != nil {
			return err
		}
		after = largest.Int64
	}
	for done < total {
		rows, err := t.batch(ctx, from, after, done, opt.BatchRows)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break // fewer rows than counted: the verification says so
		}
		if err := t.insert(ctx, to, rows); err != nil {
			return err
		}
		after = key(rows[len(rows)-1])
		done += int64(len(rows))
		progress()
	}
	return t.linkSelf(ctx, from, to)
}

// replace writes the table's rows in place of the target's own.
func (t *copyTable) replace(ctx context.Context, from, to *DB, progress func(int64)) error {
	rows, err := t.batch(ctx, from, math.MinInt64, 0, -1)
	if err != nil {
		return err
	}
	if err := t.write(ctx, to, `DELETE FROM `+t.target, rows); err != nil {
		return err
	}
	progress(int64(len(rows)))
	return nil
}

// batch reads up to n rows (n < 0: all) after the key after, or, without
// a single integer key, after the first skip rows.
func (t *copyTable) batch(ctx context.Context, from *DB, after, skip int64, n int) ([][]any, error) {
	var query string
	var args []any
	switch {
	case t.terms != nil:
		query = `SELECT t.rowid, ` + t.terms.text + ` FROM ` + t.target + ` t JOIN ` + t.terms.table + ` s ON s.id = t.rowid
			WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`
		args = append(args, after)
	case t.intKey:
		query = `SELECT ` + t.selected() + ` FROM ` + t.name + ` WHERE ` + t.whereOr("1 = 1") + ` AND ` + t.key[0] + ` > ?
			ORDER BY ` + t.key[0] + ` LIMIT ?`
		args = append(args, after)
	default:
		query = `SELECT ` + t.selected() + ` FROM ` + t.name + ` WHERE ` + t.whereOr("1 = 1") + ` ORDER BY ` + strings.Join(t.key, ", ") + `
			LIMIT ? OFFSET ?`
	}
	args = append(args, n)
	if t.terms == nil && !t.intKey {
		args = append(args, skip)
	}
	rows, err := from.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		row := make([]any, len(t.columns))
		ptrs := make([]any, len(row))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if t.terms != nil {
			text, _ := row[1].(string)
			row[1] = search.Terms(text)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// sourceRows counts the rows to copy.
func (t *copyTable) sourceRows(ctx context.Context, from *DB) (n int64, err error) {
	err = from.read.QueryRowContext(ctx, `SELECT count(*) FROM `+t.target+` WHERE `+t.whereOr("1 = 1")).Scan(&n)
	return n, err
}

func (t *copyTable) whereOr(all string) string {
	if t.where == "" {
		return all
	}
	return t.where
}

// selected is the source's select list.
func (t *copyTable) selected() string {
	list := make([]string, len(t.columns))
	for i, c := range t.columns {
		list[i] = `"` + c + `"`
		if e, ok := t.reads[c]; ok {
			list[i] = e
		}
	}
	return strings.Join(list, ", ")
}
