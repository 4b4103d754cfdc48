package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestSendReply(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		tom := mustUser(t, db, "tom", resonanz.RoleAgent)
		lea := mustUser(t, db, "lea", resonanz.RoleAgent)
		res := mustIngest(t, db, msg("mastodon", "1", "@anna@example.social", "Wo bleibt mein Paket?", 0))
		id := res[0].ConversationID
		seen := res[0].MessageID

		t.Run("PartsInOrder", func(t *testing.T) {
			items, err := db.SendReply(ctx, id, tom, resonanz.ReplyDraft{Parts: []string{"Teil eins (1/2)", "Teil zwei (2/2)"}, Public: true, Seen: seen})
			if err != nil || len(items) != 2 || items[0].MessageID >= items[1].MessageID {
				t.Fatalf("items %+v, %v", items, err)
			}
			c, _ := db.FindConversationByID(ctx, id)
			if c.Status != resonanz.StatusWaiting {
				t.Fatalf("status %s", c.Status)
			}
			seen = items[1].MessageID
		})
		t.Run("OwnRepliesDoNotCount", func(t *testing.T) {
			items, err := db.SendReply(ctx, id, tom, resonanz.ReplyDraft{Parts: []string{"Noch etwas."}, Public: true, Seen: seen - 2})
			if err != nil {
				t.Fatalf("tom's own replies refused his next: %v", err)
			}
			seen = items[0].MessageID
		})
		t.Run("ErrColleagueAnsweredMeanwhile", func(t *testing.T) {
			if _, err := db.SendReply(ctx, id, lea, resonanz.ReplyDraft{Parts: []string{"Lea hier."}, Public: true, Seen: res[0].MessageID}); resonanz.ErrorCode(err) != resonanz.ECONFLICT || resonanz.ErrorField(err) != "seen" {
				t.Fatalf("err = %v", err)
			}
			if _, err := db.SendReply(ctx, id, lea, resonanz.ReplyDraft{Parts: []string{"Lea hier."}, Public: true, Seen: seen}); err != nil {
				t.Fatalf("after seeing everything: %v", err)
			}
		})
		t.Run("ErrCustomerWroteMeanwhile", func(t *testing.T) {
			again := mustIngest(t, db, msg("mastodon", "2", "@anna@example.social", "Hallo?", 5))
			if again[0].ConversationID != id {
				t.Fatal("the customer's message opened another conversation")
			}
			_, err := db.SendReply(ctx, id, tom, resonanz.ReplyDraft{Parts: []string{"Antwort"}, Public: true, Seen: seen})
			if resonanz.ErrorField(err) != "seen" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrOnePartTooLongSendsNone", func(t *testing.T) {
			long := make([]byte, 480) // with the mention "@anna@example.social " more than 500
			for i := range long {
				long[i] = 'x'
			}
			before := len(timelineTexts(t, db, id))
			if _, err := db.SendReply(ctx, id, tom, resonanz.ReplyDraft{Parts: []string{"kurz", string(long)}, Public: true}); resonanz.ErrorField(err) != "text" {
				t.Fatalf("err = %v", err)
			}
			if after := len(timelineTexts(t, db, id)); after != before {
				t.Fatalf("%d messages before, %d after a refused draft", before, after)
			}
		})
	})
}

func timelineTexts(t *testing.T, db *store.DB, id int64) []string {
	t.Helper()
	tl, err := db.Timeline(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range tl.Entries {
		if e.Message != nil {
			texts = append(texts, e.Message.Text)
		}
	}
	return texts
}
