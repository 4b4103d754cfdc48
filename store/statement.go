package store

import (
	"context"
	"database/sql"

	"github.com/resonanz/resonanz"
)

// SetStatement replaces an alert's public statement and records who changed it, and when.
func (db *DB) SetStatement(ctx context.Context, id int64, by *resonanz.User, st resonanz.Statement) error {
	if err := st.Validate(); err != nil {
		return err
	}
	now := millis(db.Now())
	return db.inTx(ctx, "set statement", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE alerts SET statement = ?, statement_url = ?, statement_public = ?,
			statement_by = ?, statement_at = ? WHERE id = ?`, st.Text, st.URL, st.Public && st.Text != "", by.ID, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Alert %d not found.", id).Keyed("alert.notfound")
		}
		return alertEvent(ctx, tx, id, by, resonanz.AlertStatement, resonanz.Params{"text": summary(st.Text, 120)}, now)
	})
}
