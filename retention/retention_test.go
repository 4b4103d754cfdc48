package retention_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/retention"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// onEngines runs fn on SQLite and, where the tests have one, on PostgreSQL.
func onEngines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.OpenPostgres(t)) })
}

// ingest takes in one message per handle on the channel, minutes after t0,
// and returns the ids of their conversations.
func ingest(t *testing.T, db *store.DB, channel string, minutes int, handles ...string) []int64 {
	t.Helper()
	var msgs []resonanz.IncomingMessage
	for _, h := range handles {
		msgs = append(msgs, resonanz.IncomingMessage{Channel: channel, ExternalID: channel + h, Author: resonanz.Author{Handle: h},
			Text: "Frage von " + h, Time: t0.Add(time.Duration(minutes) * time.Minute), Visibility: resonanz.Public})
	}
	res, err := db.Ingest(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.ConversationID
	}
	return ids
}

// gone reports whether conversation id was deleted.
func gone(t *testing.T, db *store.DB, id int64) bool {
	t.Helper()
	_, err := db.FindConversationByID(context.Background(), id)
	if err != nil && resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
		t.Fatal(err)
	}
	return err != nil
}

// TestApply: a channel's conversations go once their last message is older
// than its retention period, others stay.
func TestApply(t *testing.T) { onEngines(t, apply) }

func apply(t *testing.T, db *store.DB) {
	ctx := context.Background()
	old := ingest(t, db, "mastodon", 0, "@alt")[0]
	newer := ingest(t, db, "mastodon", 60*24*200, "@neu")[0]
	mail := ingest(t, db, "email", 0, "alt@example.org")[0]
	if err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 6}); err != nil {
		t.Fatal(err)
	}
	if n, err := retention.Apply(ctx, db, t0.AddDate(0, 5, 0)); err != nil || n != 0 || gone(t, db, old) {
		t.Fatalf("after five months: %d deleted, %v", n, err)
	}
	if n, err := retention.Apply(ctx, db, t0.AddDate(0, 6, 1)); err != nil || n != 1 || !gone(t, db, old) {
		t.Fatalf("after six months: %d deleted, %v", n, err)
	}
	if gone(t, db, newer) || gone(t, db, mail) {
		t.Error("the newer Mastodon conversation or the email one went too")
	}
}

// TestApplyMoreThanABatch: a backlog larger than one transaction deletes
// goes whole in one run.
func TestApplyMoreThanABatch(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	handles := make([]string, 250)
	for i := range handles {
		handles[i] = fmt.Sprintf("@kunde%d", i)
	}
	ids := ingest(t, db, "mastodon", 0, handles...)
	if err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 1}); err != nil {
		t.Fatal(err)
	}
	if n, err := retention.Apply(ctx, db, t0.AddDate(0, 2, 0)); err != nil || n != len(ids) || !gone(t, db, ids[len(ids)-1]) {
		t.Fatalf("%d of %d deleted, %v", n, len(ids), err)
	}
}

// TestWorkerRunsAsADurableJob: the hourly job runs at start and judges by
// the store's clock.
func TestWorkerRunsAsADurableJob(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	id := ingest(t, db, "mastodon", 10, "@spaet")[0]
	if err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: "mastodon", Months: 6}); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return t0.AddDate(0, 6, 1) }
	storetest.StartJobs(t, db, func(q *jobs.Queue) { jobs.Add(q, &retention.Worker{Store: db}) })
	deadline := time.Now().Add(30 * time.Second)
	for !gone(t, db, id) {
		if time.Now().After(deadline) {
			t.Fatal("the retention job did not delete the conversation")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
