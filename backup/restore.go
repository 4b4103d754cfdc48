package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Check tells whether a database file is a sound resonanz database.
type Check func(ctx context.Context, path string) error

// Restore puts the backup whose database is file into the data directory
// d, which must be empty or missing unless force; resonanz must not run on
// it. With force, the database, its journal, the keys and the attachments
// held there are replaced; other files stay. The backup's database is
// checked before anything in d changes.
func Restore(ctx context.Context, file string, d DataDir, force bool, check Check) (*Summary, error) {
	if err := check(ctx, file); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	from, to := d.beside(file), d.paths()
	if !force {
		if err := refuseNonEmpty(d.Dir); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(d.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	// A journal left of the replaced database would be applied to the restored one.
	for _, p := range []string{to.database + "-wal", to.database + "-shm", to.database + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("restore: %w", err)
		}
	}
	partial := to.database + ".partial"
	if err := copyFile(from.database, partial); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(partial, to.database); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	s := &Summary{Database: to.database}
	if err := copyRest(ctx, from, to, s); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	return s, nil
}

// refuseNonEmpty fails when dir exists and holds anything.
func refuseNonEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("restore: %s is not empty; stop resonanz, and replace its data with --force", dir)
	}
	return nil
}
