package voice_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store/storetest"
	"github.com/resonanz/resonanz/voice"
)

// TestCollectAllTakesEveryWaitingMessage: after a large import, one call
// puts every suggestion on the board, however many transactions it takes.
func TestCollectAllTakesEveryWaitingMessage(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	var msgs []resonanz.IncomingMessage
	for i := range 450 {
		msgs = append(msgs, resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint(i),
			Author: resonanz.Author{Handle: fmt.Sprintf("@c%d@example.social", i)}, Text: fmt.Sprintf("Wunsch Nummer %d", i),
			Visibility: resonanz.Public, Time: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Analysis: resonanz.Analysis{Kind: resonanz.KindSuggestion}})
	}
	if _, err := db.Ingest(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	c := voice.NewCollector(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := c.CollectAll(ctx); err != nil {
		t.Fatal(err)
	}
	entries, err := db.Suggestions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(msgs) {
		t.Errorf("%d entries on the board, want %d", len(entries), len(msgs))
	}
}
