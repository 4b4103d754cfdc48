package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// insert writes rows into the target in one transaction, with multi-row
// INSERTs that stay below PostgreSQL's limit of parameters. A reference
// to a row of the same table that comes later is written by linkSelf.
func (t *copyTable) insert(ctx context.Context, to *DB, rows [][]any) error {
	self := map[int]bool{}
	for i, c := range t.columns {
		if t.intKey && slices.Contains(t.selfRefs, c) {
			self[i] = true
		}
	}
	for _, row := range rows {
		for i := range self {
			if ref, ok := row[i].(int64); ok && ref >= key(row) {
				row[i] = nil
			}
		}
	}
	return t.write(ctx, to, "", rows)
}

// write runs first (if any) and then inserts rows, in one transaction of
// the target in which the table's own triggers are off: the rows come
// with what the triggers would write (the report rollups are copied as
// they are), and a trigger that changed a copied row would make it differ
// from the source. Turning them off inside the transaction keeps them on
// for everyone else and after an interruption.
func (t *copyTable) write(ctx context.Context, to *DB, first string, rows [][]any) error {
	tx, err := to.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if t.triggered {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+t.target+` DISABLE TRIGGER USER`); err != nil {
			return err
		}
	}
	if first != "" {
		if _, err := tx.ExecContext(ctx, first); err != nil {
			return err
		}
	}
	per := max(1, min(len(rows), 60000/len(t.columns)))
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		if err := t.insertRows(ctx, tx, chunk); err != nil {
			return err
		}
	}
	if t.triggered {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+t.target+` ENABLE TRIGGER USER`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (t *copyTable) insertRows(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO ` + t.target + ` (` + quoted(t.columns) + `) VALUES `)
	values := make([]string, len(t.columns))
	for i, c := range t.columns {
		values[i] = "?"
		if v, ok := t.writes[c]; ok {
			values[i] = v
		}
	}
	marks := "(" + strings.Join(values, ", ") + ")"
	args := make([]any, 0, len(rows)*len(t.columns))
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(marks)
		args = append(args, row...)
	}
	_, err := tx.ExecContext(ctx, b.String(), args...)
	return err
}

// linkSelf writes the references to later rows of the same table that
// insert left empty; run again on resume, it writes the same values.
func (t *copyTable) linkSelf(ctx context.Context, from, to *DB) error {
	if !t.intKey {
		return nil
	}
	for _, col := range t.selfRefs {
		links, err := collect(ctx, from.read, `SELECT `+t.key[0]+`, `+col+` FROM `+t.name+` WHERE `+col+` >= `+t.key[0], nil,
			func(row interface{ Scan(...any) error }) (l [2]int64, err error) { return l, row.Scan(&l[0], &l[1]) })
		if err != nil || len(links) == 0 {
			return err
		}
		tx, err := to.begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		for _, l := range links {
			if _, err := tx.ExecContext(ctx, `UPDATE `+t.target+` SET `+col+` = ? WHERE `+t.key[0]+` = ?`, l[1], l[0]); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// advanceID moves the sequence of the table's identity column past the
// copied ids, so that the next row the target numbers comes after them.
func (t *copyTable) advanceID(ctx context.Context, to *DB) error {
	if !t.intKey || t.terms != nil {
		return nil
	}
	_, err := to.write.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t.target+`', '`+t.key[0]+`'), max(`+t.key[0]+`))
		FROM `+t.target+` HAVING max(`+t.key[0]+`) IS NOT NULL`)
	return err
}

// key is the integer key of a row read by batch, its first column.
func key(row []any) int64 {
	k, _ := row[0].(int64)
	return k
}

func quoted(columns []string) string {
	q := make([]string, len(columns))
	for i, c := range columns {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}
