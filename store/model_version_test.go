package store_test

import (
	"context"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

func TestModelVersions(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		lead := mustUser(t, db, "lea", resonanz.RoleLead)
		res := mustIngest(t, db, analysed("m1", "@anna", 0, resonanz.Analysis{Sentiment: resonanz.Neutral}))
		if _, err := db.CorrectLabel(ctx, res[0].MessageID, lead, "sentiment", resonanz.Negative); err != nil {
			t.Fatal(err)
		}
		if live, err := db.LiveModel(ctx); err != nil || live != nil {
			t.Fatalf("a new installation has live version %+v, %v; want the shipped models", live, err)
		}
		learned := &resonanz.ModelVersion{Accepted: true, Learned: 1, Score: 0.8, LiveScore: 0.7, ShippedScore: 0.7, Through: 1, Delta: []byte("delta")}
		refused := &resonanz.ModelVersion{Accepted: false, Learned: 1, Score: 0.5, LiveScore: 0.8, ShippedScore: 0.7, Through: 1}
		for _, v := range []*resonanz.ModelVersion{learned, refused} {
			if err := db.SaveModelVersion(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
		live, err := db.LiveModel(ctx)
		if err != nil || live == nil || live.ID != learned.ID || string(live.Delta) != "delta" {
			t.Fatalf("live version %+v, %v; want the accepted one with its delta", live, err)
		}
		reset, err := db.ResetModel(ctx, lead)
		if err != nil || reset.Through != 1 || reset.Since != 1 {
			t.Fatalf("reset %+v, %v; want it to start learning after correction 1", reset, err)
		}
		versions, err := db.ModelVersions(ctx, 10)
		if err != nil || len(versions) != 3 || !versions[0].Reset || versions[0].By != lead.Name || versions[1].Accepted {
			t.Fatalf("versions %+v, %v; want the reset by the lead, the refused and the learned one, newest first", versions, err)
		}
	})
}
