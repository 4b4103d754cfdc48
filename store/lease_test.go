package store_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

func TestLeaseOnSQLiteIsAlwaysHeld(t *testing.T) {
	db := storetest.Open(t)
	for range 2 {
		l, ok, err := db.TakeLease(context.Background(), "solo")
		if err != nil || !ok {
			t.Fatalf("TakeLease = %v, %v; the only node always holds it", ok, err)
		}
		l.Release()
	}
}

// Two nodes on one PostgreSQL database: one holds a lease at a time, and
// the other takes it once the first lets go or its connection dies.
func TestLeaseOnPostgresIsHeldByOneNode(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresSchema(t)
	node := func() *store.DB {
		db, err := store.OpenPostgres(ctx, url, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := node(), node()
	take := func(db *store.DB) bool {
		t.Helper()
		_, ok, err := db.TakeLease(ctx, "router")
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	first, ok, err := a.TakeLease(ctx, "router")
	if err != nil || !ok {
		t.Fatalf("first node: TakeLease = %v, %v", ok, err)
	}
	if take(b) {
		t.Fatal("the second node took a lease the first holds")
	}
	if other, ok, err := b.TakeLease(ctx, "monitor"); err != nil || !ok {
		t.Fatalf("another lease's name: %v, %v", ok, err)
	} else {
		defer other.Release()
	}
	first.Release()
	second, ok, err := b.TakeLease(ctx, "router")
	if err != nil || !ok {
		t.Fatalf("after release: TakeLease = %v, %v", ok, err)
	}
	if take(a) {
		t.Fatal("the first node took the lease back while the second holds it")
	}

	// The second node's connection dies (as when its machine goes away):
	// it learns it lost the lease, and the first node can take it.
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
		AND objsubid = 2 AND classid = hashtext(current_schema())::oid AND objid = hashtext('resonanz lease router')::oid`); err != nil {
		t.Fatal(err)
	}
	select {
	case <-second.Lost():
	case <-time.After(time.Minute):
		t.Fatal("the node whose connection died was never told it lost the lease")
	}
	second.Release()
	if !take(a) {
		t.Fatal("no node could take the lease of a dead connection")
	}
}

// Two installations in two schemas of one PostgreSQL database lead each
// their own nodes: advisory locks belong to the whole database, and the
// lease of one must not keep the other from leading.
func TestLeaseIsPerInstallation(t *testing.T) {
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		db, err := store.OpenPostgres(ctx, storetest.PostgresSchema(t), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		l, ok, err := db.TakeLease(ctx, "router")
		if err != nil || !ok {
			t.Fatalf("installation %d: TakeLease = %v, %v", i+1, ok, err)
		}
		defer l.Release()
	}
}
