package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// newsHooks receives every delivery of alert news the store's jobs make.
type newsHooks chan any

func (h newsHooks) DeliverWebhook(_ context.Context, d resonanz.WebhookDelivery) error {
	h <- d
	return nil
}

func (h newsHooks) SendAlertMail(_ context.Context, m resonanz.AlertMail) error { h <- m; return nil }

// TestAlertNews: queued news is remembered as told and handed to the
// delivery hooks as it was queued.
func TestAlertNews(t *testing.T) {
	ctx := context.Background()
	contract(t, func(t *testing.T, db *store.DB) {
		a := &resonanz.Alert{Key: "app", Severity: 3, FirstSeen: t0, LastSeen: t0}
		if err := db.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, known, err := db.AlertTold(ctx, a.ID); err != nil || known {
			t.Fatalf("a new alert is known as told (%v)", err)
		}
		hooks := make(newsHooks, 4)
		startJobs(t, db, workers{webhooks: hooks, mail: hooks})
		payload := []byte(`{"event":"alert.raised","alert":{"ID":1}}`)
		err := db.EnqueueAlertNews(ctx, &resonanz.AlertNews{Event: "alert.raised", AlertID: a.ID, Told: resonanz.AlertTold{Severity: 3, Status: "open"},
			Payload: payload, URLs: []string{"http://hooks.example/x"}, Mail: &resonanz.AlertMail{To: []string{"lea@example.org"}, Subject: "Sturm"}})
		if err != nil {
			t.Fatal(err)
		}
		if told, known, err := db.AlertTold(ctx, a.ID); err != nil || !known || told.Severity != 3 || told.Status != "open" {
			t.Fatalf("told %+v %v (%v)", told, known, err)
		}
		for range 2 {
			select {
			case h := <-hooks:
				switch h := h.(type) {
				case resonanz.WebhookDelivery:
					if string(h.Payload) != string(payload) || h.URL != "http://hooks.example/x" || h.AlertID != a.ID || h.ID == 0 ||
						h.Attempt != 1 || h.MaxAttempts != 10 {
						t.Errorf("webhook delivery %+v", h)
					}
				case resonanz.AlertMail:
					if h.Subject != "Sturm" || len(h.To) != 1 || h.AlertID != a.ID || h.Event != "alert.raised" || h.ID == 0 {
						t.Errorf("alert mail %+v", h)
					}
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the queued news was not delivered")
			}
		}
	})
}
