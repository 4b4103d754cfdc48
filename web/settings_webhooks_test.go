package web_test

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/eventhook"
	"github.com/resonanz/resonanz/events"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

var webhookSecretRE = regexp.MustCompile(`<code id="webhook-secret">(whsec_[^<]+)</code>`)

// TestEventWebhookSettings: an admin subscribes an address to events, sees
// the secret once and each delivery in the log with the receiver's answer,
// and sends a failed delivery again; leads and agents are refused every
// part of it and change nothing.
func TestEventWebhookSettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "resonanz.db")
	db, err := store.Open(ctx, path)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	storetest.Queue(t, db)
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	base := newNode(t, db, events.NewBus())
	admin, ada := logInAs(t, base, db, "ada", resonanz.RoleAdmin)
	lead, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	agent, _ := logInAs(t, base, db, "ann", resonanz.RoleAgent)

	t.Run("EmptyAtFirst", func(t *testing.T) {
		status, page := admin.get("/settings/webhooks")
		wantPage(t, status, page, http.StatusOK, "No event webhooks yet.")
		mustContain(t, page, "Nothing was delivered yet.")
	})
	t.Run("ErrBadAddress", func(t *testing.T) {
		status, page := admin.post("/settings/webhooks", "url", "ftp://crm.example/hooks", "event", resonanz.EventConversationSolved)
		if status != http.StatusBadRequest || !strings.Contains(page, `id="form-error"`) || !strings.Contains(page, `value="ftp://crm.example/hooks"`) {
			t.Fatalf("an ftp address: %d, want 400 with the problem and the address kept:\n%.3000s", status, page)
		}
		if subs, err := db.FindSubscriptions(ctx); err != nil || len(subs) != 0 {
			t.Fatalf("subscriptions after a refused form: %v, %v", subs, err)
		}
	})
	var secret string
	t.Run("Subscribe", func(t *testing.T) {
		status, page := admin.do("POST", "/settings/webhooks", url.Values{"csrf": {admin.CSRF}, "url": {"https://crm.example/hooks"},
			"event": {resonanz.EventConversationSolved, resonanz.EventMessageReceived}})
		m := webhookSecretRE.FindStringSubmatch(page)
		if status != http.StatusCreated || m == nil {
			t.Fatalf("subscribing answered %d without a secret:\n%.3000s", status, page)
		}
		secret = m[1]
		status, page = admin.get("/settings/webhooks")
		wantPage(t, status, page, http.StatusOK, "https://crm.example/hooks")
		if strings.Contains(page, secret) {
			t.Fatal("the page shows the secret again")
		}
	})
	subs, err := db.FindSubscriptions(ctx)
	must(t, err)
	if len(subs) != 1 {
		t.Fatalf("%d subscriptions, want 1", len(subs))
	}
	sub := subs[0]

	// A customer writes and the conversation is solved: two events, two deliveries.
	id := newConversation(t, db)
	solved := resonanz.StatusSolved
	must(t, db.UpdateConversation(ctx, id, ada, resonanz.ConversationUpdate{Status: &solved}))
	d := &eventhook.Dispatcher{Feed: db, Logger: slog.New(slog.DiscardHandler)}
	_, err = d.Dispatch(ctx)
	must(t, err)
	log, err := db.FindEventDeliveries(ctx, sub.ID, 10)
	must(t, err)
	if len(log) != 2 {
		t.Fatalf("%d deliveries, want one per event (2)", len(log))
	}
	failed := log[0]
	_, err = raw.Exec(`UPDATE event_deliveries SET state = 'failed', attempts = 8, last_status = 503, last_error = 'receiver busy' WHERE id = ?`, failed.ID)
	must(t, err)
	row := regexp.MustCompile(`(?s)<tr data-delivery="` + itoa(failed.ID) + `" class="delivery-(\w+)">(.*?)</tr>`)

	t.Run("LogShowsTheReceiversAnswer", func(t *testing.T) {
		_, page := admin.get("/settings/webhooks")
		m := row.FindStringSubmatch(page)
		if m == nil || m[1] != "failed" || !strings.Contains(m[2], "503 receiver busy") || !strings.Contains(m[2], "failed") {
			t.Fatalf("the failed delivery's row: %q", m)
		}
		if !strings.Contains(page, `data-delivery="`+itoa(log[1].ID)+`" class="delivery-pending"`) {
			t.Fatal("the other delivery is not in the log as waiting")
		}
	})
	jobs := func() int {
		t.Helper()
		ops, err := db.Operations(ctx)
		must(t, err)
		n := 0
		for _, j := range ops.Jobs {
			if j.Kind == "event_delivery" {
				n += j.Count
			}
		}
		return n
	}
	queued := jobs()

	t.Run("ErrOthersAreRefused", func(t *testing.T) {
		for name, s := range map[string]*session{"lead": lead, "agent": agent} {
			for _, try := range []func() (int, string){
				func() (int, string) { return s.get("/settings/webhooks") },
				func() (int, string) {
					return s.post("/settings/webhooks", "url", "https://evil.example/", "event", resonanz.EventMessageReceived)
				},
				func() (int, string) { return s.post("/settings/webhooks/deliveries/" + itoa(failed.ID) + "/replay") },
				func() (int, string) { return s.post("/settings/webhooks/" + itoa(sub.ID) + "/delete") },
			} {
				status, page := try()
				if status != http.StatusForbidden || !strings.Contains(page, "Only admins may open this page.") {
					t.Errorf("%s: %d, want 403 for admins only", name, status)
				}
			}
		}
		if subs, err := db.FindSubscriptions(ctx); err != nil || len(subs) != 1 || jobs() != queued {
			t.Fatalf("after the refusals: %d subscriptions (want 1), %d delivery jobs (want %d), %v", len(subs), jobs(), queued, err)
		}
		if _, page := admin.get("/settings/webhooks"); row.FindStringSubmatch(page)[1] != "failed" {
			t.Fatal("a refused replay changed the delivery")
		}
	})
	t.Run("Replay", func(t *testing.T) {
		status, _ := admin.post("/settings/webhooks/deliveries/" + itoa(failed.ID) + "/replay")
		if status != http.StatusSeeOther || admin.Location != "/settings/webhooks" {
			t.Fatalf("replay answered %d to %q, want 303 back to the page", status, admin.Location)
		}
		_, page := admin.get("/settings/webhooks")
		if m := row.FindStringSubmatch(page); m == nil || m[1] != "pending" || !strings.Contains(m[2], "waiting") {
			t.Fatalf("the replayed delivery's row: %q", m)
		}
		if jobs() != queued+1 {
			t.Fatalf("%d delivery jobs after the replay, want %d", jobs(), queued+1)
		}
	})
	t.Run("ErrUnknownDelivery", func(t *testing.T) {
		status, page := admin.post("/settings/webhooks/deliveries/999999/replay")
		wantPage(t, status, page, http.StatusNotFound, "No webhook delivery 999999.")
	})
	t.Run("ErrReplayAfterUnsubscribing", func(t *testing.T) {
		if status, _ := admin.post("/settings/webhooks/" + itoa(sub.ID) + "/delete"); status != http.StatusSeeOther {
			t.Fatalf("unsubscribe answered %d", status)
		}
		status, page := admin.post("/settings/webhooks/deliveries/" + itoa(failed.ID) + "/replay")
		wantPage(t, status, page, http.StatusConflict, "The subscription of this delivery has ended.")
		if _, page := admin.get("/settings/webhooks"); !strings.Contains(page, "No event webhooks yet.") {
			t.Fatal("the ended subscription is still listed")
		}
	})
}
