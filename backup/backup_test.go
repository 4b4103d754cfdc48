package backup_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/backup"
	"github.com/resonanz/resonanz/store"
)

// dataDir is a data directory laid out as resonanz's.
func dataDir(dir string) backup.DataDir {
	return backup.DataDir{Dir: dir, Database: "resonanz.db", SecretKey: "secret.key", ErasureKey: store.ErasureKeyFile, LinkKey: "link.key", Attachments: "attachments"}
}

// openData opens a new database in a new data directory with a secret key
// and one attachment file.
func openData(t *testing.T) (*store.DB, backup.DataDir) {
	t.Helper()
	d := dataDir(t.TempDir())
	db, err := store.Open(context.Background(), filepath.Join(d.Dir, d.Database))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	write(t, filepath.Join(d.Dir, d.SecretKey), "secret\n")
	write(t, filepath.Join(d.Dir, d.Attachments, "ab", "0"), "the photo of a broken parcel")
	return db, d
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func message(i int) resonanz.IncomingMessage {
	return resonanz.IncomingMessage{Channel: "api", ExternalID: fmt.Sprintf("m%d", i),
		Author: resonanz.Author{Handle: fmt.Sprintf("customer%d", i%7)}, Text: fmt.Sprintf("Where is my parcel number %d?", i),
		Time: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second), Visibility: resonanz.Public}
}

// writer stores messages one by one until stop closes, and remembers
// those whose storing was acknowledged.
type writer struct {
	mu    sync.Mutex
	acked []string
	err   error
}

func (w *writer) run(db *store.DB, started chan<- struct{}, stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		m := message(i)
		if _, err := db.Ingest(context.Background(), []resonanz.IncomingMessage{m}); err != nil {
			w.mu.Lock()
			w.err = err
			w.mu.Unlock()
			return
		}
		w.mu.Lock()
		w.acked = append(w.acked, m.ExternalID)
		w.mu.Unlock()
		if i == 50 {
			close(started)
		}
	}
}

func (w *writer) ackedSoFar() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.acked...)
}

// A backup taken while messages keep arriving holds every message whose
// storing was acknowledged before it started, and restores to a sound database.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db, d := openData(t)
	var w writer
	started, stop, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { defer close(done); w.run(db, started, stop) }()
	<-started
	before := w.ackedSoFar()
	file := filepath.Join(t.TempDir(), "resonanz-backup.db")
	s, err := backup.Take(ctx, db, d, file, false)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if w.err != nil {
		t.Fatalf("writing while the backup ran: %v", w.err)
	}
	if s.Attachments != 1 {
		t.Errorf("backup copied %d attachment files, want 1", s.Attachments)
	}

	target := dataDir(filepath.Join(t.TempDir(), "restored"))
	if _, err := backup.Restore(ctx, file, target, false, store.CheckCopy); err != nil {
		t.Fatal(err)
	}
	stored := externalIDs(t, filepath.Join(target.Dir, target.Database))
	for _, id := range before {
		if !stored[id] {
			t.Fatalf("message %s, acknowledged before the backup started, is missing after the restore (%d of %d there)", id, len(stored), len(before))
		}
	}
	for _, f := range []string{d.SecretKey, d.ErasureKey, filepath.Join(d.Attachments, "ab", "0")} {
		want, _ := os.ReadFile(filepath.Join(d.Dir, f))
		got, err := os.ReadFile(filepath.Join(target.Dir, f))
		if err != nil || string(got) != string(want) {
			t.Errorf("restored %s = %q, %v; want %q", f, got, err, want)
		}
	}
	restored, err := store.Open(ctx, filepath.Join(target.Dir, target.Database))
	if err != nil {
		t.Fatalf("resonanz cannot open the restored database: %v", err)
	}
	restored.Close()
}

// externalIDs opens a database file as any SQLite tool would, checks its
// integrity and returns the external ids of its messages.
func externalIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity check of the restored database: %q, %v", check, err)
	}
	rows, err := db.Query(`SELECT external_id FROM messages`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	return ids
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	db, d := openData(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "backup.db")
	write(t, file+".erasure.key", "someone else's key")
	if _, err := backup.Take(ctx, db, d, file, false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("backup over an existing key file: %v, want a refusal naming --force", err)
	}
	if _, err := os.Stat(file); err == nil {
		t.Fatal("the refused backup left a database file behind")
	}
	write(t, file, "an older backup")
	if _, err := backup.Take(ctx, db, d, file, true); err != nil {
		t.Fatalf("backup with force: %v", err)
	}
	if err := store.CheckCopy(ctx, file); err != nil {
		t.Fatalf("the forced backup is not a sound database: %v", err)
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	db, d := openData(t)
	file := filepath.Join(t.TempDir(), "backup.db")
	if _, err := backup.Take(ctx, db, d, file, false); err != nil {
		t.Fatal(err)
	}
	t.Run("NonEmptyDir", func(t *testing.T) {
		target := dataDir(t.TempDir())
		write(t, filepath.Join(target.Dir, target.Database), "the live database")
		if _, err := backup.Restore(ctx, file, target, false, store.CheckCopy); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("restore into a data directory in use: %v, want a refusal", err)
		}
		if b, _ := os.ReadFile(filepath.Join(target.Dir, target.Database)); string(b) != "the live database" {
			t.Fatal("the refused restore changed the database")
		}
		write(t, filepath.Join(target.Dir, target.Database+"-wal"), "a journal of the old database")
		if _, err := backup.Restore(ctx, file, target, true, store.CheckCopy); err != nil {
			t.Fatalf("restore with force: %v", err)
		}
		if err := store.CheckCopy(ctx, filepath.Join(target.Dir, target.Database)); err != nil {
			t.Fatalf("after a forced restore: %v", err)
		}
	})
	for name, content := range map[string]func(t *testing.T, path string){
		"NotADatabase": func(t *testing.T, path string) { write(t, path, "name,text\nAnna,hello\n") },
		"OtherDatabase": func(t *testing.T, path string) {
			other, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if _, err := other.Exec(`CREATE TABLE notes (text TEXT)`); err != nil {
				t.Fatal(err)
			}
		},
		"Damaged": func(t *testing.T, path string) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for i := 3 * 4096; i < len(b) && i < 40*4096; i += 7 {
				b[i] ^= 0x5a
			}
			write(t, path, string(b))
		},
	} {
		t.Run(name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.db")
			content(t, bad)
			target := dataDir(filepath.Join(t.TempDir(), "data"))
			if _, err := backup.Restore(ctx, bad, target, false, store.CheckCopy); err == nil {
				t.Fatal("restored a file that is no sound resonanz database")
			}
			if _, err := os.Stat(target.Dir); err == nil {
				t.Fatal("the refused restore made the data directory")
			}
		})
	}
}
