package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// What is committed reaches the database file itself soon, not only the
// write-ahead log: the writer leaves the copying to a checkpointer beside it.
func TestCommitsReachTheDatabaseFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := &resonanz.User{Login: "ana", Name: "Ana", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := usersInFileAlone(ctx, dir, "ana")
		if err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the user is still not in the database file, only in its log (%d, %v)", n, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// usersInFileAlone counts the users with login in a copy of the database
// file without its write-ahead log.
func usersInFileAlone(ctx context.Context, dir, login string) (int, error) {
	data, err := os.ReadFile(filepath.Join(dir, "resonanz.db"))
	if err != nil {
		return 0, err
	}
	copyPath := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		return 0, err
	}
	copied, err := sql.Open("sqlite", "file:"+copyPath+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer copied.Close()
	var n int
	err = copied.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE login = ?`, login).Scan(&n)
	return n, err
}
