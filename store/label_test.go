package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// analysed returns a message with the given analysis, as ingest hands it to the store.
func analysed(ext, handle string, minutes int, a resonanz.Analysis) resonanz.IncomingMessage {
	m := msg("mastodon", ext, handle, "Text "+ext, minutes)
	m.Analysis = a
	return m
}

func TestAnalysisIsStored(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		angry := resonanz.Analysis{Language: "de", Sentiment: resonanz.Negative, SentimentScore: 0.9, Kind: resonanz.KindComplaint,
			KindScores: map[string]float64{"complaint": 0.8, "question": 0.2}, Topics: []string{"delivery", "billing"},
			Urgency: []string{resonanz.UrgentPublic}}
		calm := resonanz.Analysis{Language: "de", Sentiment: resonanz.Neutral, Kind: resonanz.KindQuestion, Topics: []string{"delivery"}}
		res := mustIngest(t, db, analysed("m1", "@anna", 0, angry), analysed("m2", "@anna", 5, calm),
			analysed("m4", "@carla", 0, calm), analysed("m5", "@carla", 90, calm),
			analysed("m3", "@ben", 6, resonanz.Analysis{Language: "en", Sentiment: resonanz.Positive, Kind: resonanz.KindPraise}))
		carla, _ := db.FindConversationByID(ctx, res[2].ConversationID)
		if fmt.Sprint(carla.Urgency) != "[repeat]" {
			t.Fatalf("writing again after 90 minutes gives urgency %v, want [repeat]", carla.Urgency)
		}
		if res[0].Analysis == nil || res[0].Analysis.Kind != resonanz.KindComplaint {
			t.Fatalf("ingest result does not tell the analysis: %+v", res[0])
		}
		tl, err := db.Timeline(ctx, res[0].ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		got := tl.Entries[0].Message.Analysis
		if fmt.Sprint(got) != fmt.Sprint(angry) {
			t.Fatalf("stored analysis\n got %+v\nwant %+v", got, angry)
		}
		c := tl.Conversation
		if c.Sentiment != resonanz.Neutral || c.Kind != resonanz.KindQuestion || fmt.Sprint(c.Urgency) != "[public]" {
			t.Fatalf("conversation shows %s/%s urgency %v; want the latest labels and the earlier urgency", c.Sentiment, c.Kind, c.Urgency)
		}
		anna, carlaID, ben := res[0].ConversationID, res[2].ConversationID, res[4].ConversationID
		for _, tc := range []struct {
			name string
			f    resonanz.ConversationFilter
			want []int64
		}{
			{"Kind", resonanz.ConversationFilter{Kind: resonanz.KindPraise}, []int64{ben}},
			{"Sentiment", resonanz.ConversationFilter{Sentiment: resonanz.Neutral}, []int64{carlaID, anna}},
			{"Topic", resonanz.ConversationFilter{Topic: "delivery"}, []int64{carlaID, anna}},
			{"Language", resonanz.ConversationFilter{Language: "en"}, []int64{ben}},
			{"Urgent", resonanz.ConversationFilter{Urgent: true}, []int64{carlaID, anna}},
			{"LatestLabelsCount", resonanz.ConversationFilter{Kind: resonanz.KindComplaint}, nil},
		} {
			if got := inboxIDs(t, db, tc.f); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s filter found %v, want %v", tc.name, got, tc.want)
			}
		}
	})
}

func TestCorrectLabel(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		res := mustIngest(t, db, analysed("m1", "@anna", 0, resonanz.Analysis{Sentiment: resonanz.Neutral, Kind: resonanz.KindQuestion}))
		t.Run("OK", func(t *testing.T) {
			conv, err := db.CorrectLabel(ctx, res[0].MessageID, agent, "kind", resonanz.KindComplaint)
			if err != nil || conv != res[0].ConversationID {
				t.Fatalf("conversation %d, err %v", conv, err)
			}
			tl, _ := db.Timeline(ctx, conv)
			if tl.Entries[0].Message.Analysis.Kind != resonanz.KindComplaint || tl.Conversation.Kind != resonanz.KindComplaint {
				t.Fatalf("message kind %q, conversation kind %q after correction", tl.Entries[0].Message.Analysis.Kind, tl.Conversation.Kind)
			}
			corrections, err := db.LabelCorrections(ctx)
			if err != nil || len(corrections) != 1 || corrections[0].Value != resonanz.KindComplaint || corrections[0].Text != "Text m1" {
				t.Fatalf("corrections for training: %+v, %v", corrections, err)
			}
			last := tl.Audit[len(tl.Audit)-1]
			if last.Action != "label" || said(last.Kind, last.Params) != "label.kind from=question to=complaint" {
				t.Fatalf("audit %+v", last)
			}
		})
		t.Run("Confirmation", func(t *testing.T) {
			before, _ := db.Timeline(ctx, res[0].ConversationID)
			if _, err := db.CorrectLabel(ctx, res[0].MessageID, agent, "sentiment", resonanz.Neutral); err != nil {
				t.Fatal(err)
			}
			corrections, err := db.LabelCorrections(ctx)
			if err != nil || len(corrections) != 2 || corrections[1].Field != "sentiment" || corrections[1].Value != resonanz.Neutral {
				t.Fatalf("a confirmed label is not kept for learning: %+v, %v", corrections, err)
			}
			after, _ := db.Timeline(ctx, res[0].ConversationID)
			if len(after.Audit) != len(before.Audit) {
				t.Fatalf("confirming a label changed the conversation's history: %+v", after.Audit[len(after.Audit)-1])
			}
		})
		for _, tc := range []struct{ name, field, value, wantField string }{
			{"ErrUnknownField", "text", "x", "field"},
			{"ErrBadSentiment", "sentiment", "furious", "value"},
			{"ErrBadTopics", "topics", "Lieferung; DROP", "value"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := db.CorrectLabel(ctx, res[0].MessageID, agent, tc.field, tc.value)
				if resonanz.ErrorField(err) != tc.wantField {
					t.Fatalf("err = %v", err)
				}
			})
		}
		t.Run("ErrNotACustomerMessage", func(t *testing.T) {
			item, _ := db.Reply(ctx, res[0].ConversationID, agent, "Antwort", true)
			if _, err := db.CorrectLabel(ctx, item.MessageID, agent, "kind", "praise"); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
