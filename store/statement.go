package store

import (
	"context"
	"fmt"

	"github.com/resonanz/resonanz"
)

// SetStatement replaces an alert's public statement and records who changed it, and when.
func (db *DB) SetStatement(ctx context.Context, id int64, by *resonanz.User, st resonanz.Statement) error {
	if err := st.Validate(); err != nil {
		return err
	}
	res, err := db.write.ExecContext(ctx, `UPDATE alerts SET statement = ?, statement_url = ?, statement_by = ?, statement_at = ?
		WHERE id = ?`, st.Text, st.URL, by.ID, millis(db.Now()), id)
	if err != nil {
		return fmt.Errorf("store: set statement of alert %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return resonanz.Errorf(resonanz.ENOTFOUND, "Alert %d not found.", id)
	}
	return nil
}
