package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestReanalyze(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		agent := mustUser(t, db, "tom", resonanz.RoleAgent)
		var batch []resonanz.IncomingMessage
		for i, text := range []string{"Paket fehlt", "Danke!", "Paket immer noch nicht da, ich gehe zur Presse"} {
			m := msg("mastodon", string(rune('a'+i)), "@anna", text, i)
			batch = append(batch, m)
		}
		res := mustIngest(t, db, batch...)
		if _, err := db.CorrectLabel(ctx, res[1].MessageID, agent, "kind", resonanz.KindPraise); err != nil {
			t.Fatal(err)
		}
		// A new model: "Paket" means delivery, "Presse" is urgent, everything is a complaint.
		model := func(text string) resonanz.Analysis {
			a := resonanz.Analysis{Language: "de", Sentiment: resonanz.Negative, Kind: resonanz.KindComplaint}
			if strings.Contains(text, "Paket") {
				a.Topics = []string{"delivery"}
			}
			if strings.Contains(text, "Presse") {
				a.Urgency = []string{resonanz.UrgentPublic}
			}
			return a
		}
		var reports []int
		if err := db.Reanalyze(ctx, model, func(done, total int) { reports = append(reports, done, total) }); err != nil {
			t.Fatal(err)
		}
		if len(reports) < 2 || reports[len(reports)-2] != 3 || reports[len(reports)-1] != 3 {
			t.Fatalf("progress reports %v, want to end at 3 of 3", reports)
		}
		tl, err := db.Timeline(ctx, res[0].ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		if got := tl.Entries[1].Message.Analysis.Kind; got != resonanz.KindPraise {
			t.Fatalf("corrected kind became %q", got)
		}
		if got := tl.Entries[0].Message.Analysis.Topics; len(got) != 1 || got[0] != "delivery" {
			t.Fatalf("new topics %v", got)
		}
		c := tl.Conversation
		if c.Kind != resonanz.KindComplaint || len(c.Urgency) != 1 || c.Topics[0] != "delivery" {
			t.Fatalf("conversation labels %s %v %v", c.Kind, c.Topics, c.Urgency)
		}
	})
}
