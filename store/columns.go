package store

import (
	"database/sql"
	"time"
)

// timeColumn scans Unix milliseconds, NULL as the zero time.
type timeColumn time.Time

func (t *timeColumn) Scan(v any) error {
	var ms sql.NullInt64
	if err := ms.Scan(v); err != nil {
		return err
	}
	*t = timeColumn{}
	if ms.Valid {
		*t = timeColumn(fromMillis(ms.Int64))
	}
	return nil
}
