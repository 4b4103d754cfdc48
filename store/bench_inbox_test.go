package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// BenchmarkInboxViews measures the counts of the inbox's views and their
// first pages, as an admin and as an agent, on the database that
// RESONANZ_BENCH_DB names (e.g. one 'resonanz bench -n 1000000 -keep -data
// DIR' built; work on a copy: opening it migrates it). Skipped without one.
func BenchmarkInboxViews(b *testing.B) {
	path := os.Getenv("RESONANZ_BENCH_DB")
	if path == "" {
		b.Skip("set RESONANZ_BENCH_DB to a database to measure")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	users, err := db.FindUsers(ctx)
	if err != nil || len(users) == 0 {
		b.Fatalf("no users: %v", err)
	}
	me := users[0]
	for _, who := range []struct {
		name      string
		visibleTo int64
	}{{"admin", 0}, {"agent", me.ID}} {
		open := resonanz.ConversationFilter{OpenWork: true, VisibleTo: who.visibleTo}
		mine, unassigned, overdue := open, open, open
		mine.OwnerID, unassigned.Unassigned, overdue.Overdue = me.ID, true, true
		for _, v := range []struct {
			name string
			f    resonanz.ConversationFilter
		}{{"all", open}, {"mine", mine}, {"unassigned", unassigned}, {"overdue", overdue}} {
			b.Run(who.name+"/count/"+v.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := db.CountConversations(ctx, v.f, 1000); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(who.name+"/page/"+v.name, func(b *testing.B) {
				f := v.f
				f.Limit = 50
				for b.Loop() {
					if _, err := db.FindConversations(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
