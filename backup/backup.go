// Package backup copies what a resonanz data directory holds while the
// server runs, and puts such a copy back into a data directory.
//
// A backup is the database file named by the admin and, beside it, the
// files that belong to it: FILE.secret.key, FILE.erasure.key,
// FILE.link.key and the folder FILE.attachments. The database is copied first and the
// attachments after it, so that every file the copy refers to is there
// (attachment files are written before their message is stored, and never
// changed).
package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Database is the database of a running resonanz.
type Database interface {
	// CopyTo writes a consistent copy of the database to a new file.
	CopyTo(ctx context.Context, path string) error
}

// DataDir names where a data directory keeps what a backup holds.
type DataDir struct {
	Dir         string
	Database    string // file name of the database in Dir
	SecretKey   string // file name of the key that seals channel secrets
	ErasureKey  string // file name of the key that makes erasure marks
	LinkKey     string // file name of the key that signs the customers' links
	Attachments string // folder name of the kept attachments
}

// paths are the database, keys and attachments of a data directory or of a backup.
type paths struct {
	database, secretKey, erasureKey, linkKey, attachments string
}

func (d DataDir) paths() paths {
	return paths{filepath.Join(d.Dir, d.Database), filepath.Join(d.Dir, d.SecretKey),
		filepath.Join(d.Dir, d.ErasureKey), filepath.Join(d.Dir, d.LinkKey), filepath.Join(d.Dir, d.Attachments)}
}

// beside returns the paths of a backup whose database is file.
func (d DataDir) beside(file string) paths {
	return paths{file, file + "." + d.SecretKey, file + "." + d.ErasureKey, file + "." + d.LinkKey, file + "." + d.Attachments}
}

func (p paths) all() []string {
	return []string{p.database, p.secretKey, p.erasureKey, p.linkKey, p.attachments}
}

// Summary says what a backup or restore copied.
type Summary struct {
	Database    string   // where the database went
	Files       []string // the other files and folders written
	Attachments int      // attachment files copied
	Missing     []string // what the source lacked: a key given another way, no attachments yet
}

// Take backs up the data directory d, whose database is db, to file and
// the files beside it. It refuses to overwrite any of them unless force.
func Take(ctx context.Context, db Database, d DataDir, file string, force bool) (*Summary, error) {
	from, to := d.paths(), d.beside(file)
	if !force {
		if err := refuseExisting(to.all()); err != nil {
			return nil, err
		}
	}
	partial := file + ".partial"
	if err := os.Remove(partial); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := writeDatabase(ctx, db, partial, file); err != nil {
		os.Remove(partial)
		return nil, fmt.Errorf("backup: %w", err)
	}
	s := &Summary{Database: file}
	if err := copyRest(ctx, from, to, s); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return s, nil
}

// writeDatabase copies the database to partial and renames it to file
// once it is whole and on disk.
func writeDatabase(ctx context.Context, db Database, partial, file string) error {
	if err := db.CopyTo(ctx, partial); err != nil {
		return err
	}
	// The copy holds what customers wrote: as private as the database itself.
	if err := os.Chmod(partial, 0o600); err != nil {
		return err
	}
	if err := syncFile(partial); err != nil {
		return err
	}
	return os.Rename(partial, file)
}

// copyRest copies the keys and the attachments from one place to the
// other, replacing what was there, and notes in s what it wrote.
func copyRest(ctx context.Context, from, to paths, s *Summary) error {
	for _, key := range [][2]string{{from.secretKey, to.secretKey}, {from.erasureKey, to.erasureKey}, {from.linkKey, to.linkKey}} {
		switch err := copyFile(key[0], key[1]); {
		case errors.Is(err, fs.ErrNotExist):
			s.Missing = append(s.Missing, key[0])
		case err != nil:
			return err
		default:
			s.Files = append(s.Files, key[1])
		}
	}
	if err := os.RemoveAll(to.attachments); err != nil {
		return err
	}
	n, err := copyTree(ctx, from.attachments, to.attachments)
	switch {
	case errors.Is(err, fs.ErrNotExist) && n == 0:
		s.Missing = append(s.Missing, from.attachments)
	case err != nil:
		return err
	default:
		s.Files, s.Attachments = append(s.Files, to.attachments), n
	}
	return nil
}

// refuseExisting fails when any of the paths exists.
func refuseExisting(list []string) error {
	for _, p := range list {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("backup: %s exists; choose another name or overwrite it with --force", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("backup: %w", err)
		}
	}
	return nil
}
