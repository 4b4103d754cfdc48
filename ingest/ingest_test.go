package ingest_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/store/storetest"
)

func newAnalyzer(t *testing.T) *analyze.Analyzer {
	t.Helper()
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func message(i int) resonanz.IncomingMessage {
	return resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint("m", i), Author: resonanz.Author{Handle: fmt.Sprint("@c", i%7)},
		Text: "Wo bleibt mein Paket?", Time: time.Date(2026, 11, 2, 9, i%60, 0, 0, time.UTC), Visibility: resonanz.Public}
}

// Many clients sending at once each get their own results, every message is
// stored once, and re-sent messages come back as duplicates.
func TestConcurrentClients(t *testing.T) {
	db := storetest.Open(t)
	in := ingest.New(db, newAnalyzer(t))
	defer in.Close()
	const clients, each = 16, 25
	results := make([][]resonanz.IngestResult, clients*each)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				i := c*each + k
				res, err := in.Ingest(context.Background(), []resonanz.IncomingMessage{message(i)})
				if err != nil {
					t.Error(err)
					return
				}
				results[i] = res
			}
		}()
	}
	wg.Wait()
	ids := map[int64]bool{}
	for i, res := range results {
		if len(res) != 1 || res[0].Duplicate || res[0].MessageID == 0 {
			t.Fatalf("message %d: results %+v", i, res)
		}
		ids[res[0].MessageID] = true
	}
	if len(ids) != clients*each {
		t.Fatalf("%d distinct message ids for %d messages", len(ids), clients*each)
	}
	again, err := in.Ingest(context.Background(), []resonanz.IncomingMessage{message(3)})
	if err != nil || !again[0].Duplicate || again[0].MessageID != results[3][0].MessageID {
		t.Fatalf("re-sent message: %+v, %v", again, err)
	}
	if results[0][0].Analysis == nil || results[0][0].Analysis.Kind == "" || results[0][0].Analysis.Topics[0] != "delivery" {
		t.Fatalf("message was stored without its analysis: %+v", results[0][0].Analysis)
	}
	page, err := db.FindConversations(context.Background(), resonanz.ConversationFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Conversations) != 7 {
		t.Fatalf("%d conversations for 7 customers", len(page.Conversations))
	}
}

func TestClosedIngesterRefuses(t *testing.T) {
	in := ingest.New(storetest.Open(t), newAnalyzer(t))
	in.Close()
	_, err := in.Ingest(context.Background(), []resonanz.IncomingMessage{message(1)})
	if resonanz.ErrorCode(err) != resonanz.EINTERNAL {
		t.Fatalf("err = %v", err)
	}
}
