package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
	"github.com/resonanz/resonanz/channel/form"
	"github.com/resonanz/resonanz/channel/mastodon"
	"github.com/resonanz/resonanz/channel/meta"
	"github.com/resonanz/resonanz/channel/source"
	"github.com/resonanz/resonanz/store"
)

// testSealer seals the test servers' channel secrets.
var testSealer, _ = channel.NewSealer(strings.Repeat("7e", 32))

// testChannels is the registry of the test server: Mastodon and Meta accounts.
func testChannels(db *store.DB) *channel.Registry {
	return channel.NewRegistry(db, testSealer, channel.Outbound{}.Client(), mastodon.Adapter, meta.Adapter, form.Adapter, source.Adapter)
}

func TestChannelSettings(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	demo := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Demo-Konto", Settings: map[string]string{"server": "https://social.example"}, Demo: true}
	if err := db.CreateChannelAccount(ctx, demo); err != nil {
		t.Fatal(err)
	}
	t.Run("AgentsAndLeadsAreRefused", func(t *testing.T) {
		for _, role := range []string{resonanz.RoleAgent, resonanz.RoleLead} {
			s, _ := logInAs(t, base, db, "u-"+role, role)
			if status, _ := s.get("/settings/channels"); status != http.StatusForbidden {
				t.Fatalf("%s sees the channel settings: %d", role, status)
			}
			if status, _ := s.post("/settings/channels/" + itoa(demo.ID) + "/delete"); status != http.StatusForbidden {
				t.Fatalf("%s removes an account: %d", role, status)
			}
		}
	})
	admin, _ := logInAs(t, base, db, "ada", resonanz.RoleAdmin)
	t.Run("ListShowsDemoAccount", func(t *testing.T) {
		status, body := admin.get("/settings/channels")
		wantPage(t, status, body, http.StatusOK, "Demo-Konto")
		if !strings.Contains(body, `class="badge demo"`) {
			t.Fatal("the demo account is not marked as demo")
		}
	})
	t.Run("InternalServerIsRefusedAndInputKept", func(t *testing.T) {
		// The connection test goes through the outbound guard: loopback is internal.
		status, body := admin.post("/settings/channels", "kind", "mastodon", "name", "Shop", "server", "http://127.0.0.1:9", "token", "geheim-token-123")
		wantPage(t, status, body, http.StatusUnprocessableEntity, "internal")
		if !strings.Contains(body, `value="http://127.0.0.1:9"`) || strings.Contains(body, "geheim-token-123") {
			t.Fatal("the form lost the server address or showed the token again")
		}
		if accounts, _ := db.FindChannelAccounts(ctx); len(accounts) != 1 {
			t.Fatalf("%d accounts after a failed connect", len(accounts))
		}
	})
	t.Run("PauseAndRemove", func(t *testing.T) {
		admin.post("/settings/channels/"+itoa(demo.ID)+"/pause", "paused", "1")
		if a, _ := db.FindChannelAccountByID(ctx, demo.ID); a == nil || !a.Paused {
			t.Fatal("the account was not paused")
		}
		admin.post("/settings/channels/" + itoa(demo.ID) + "/delete")
		if _, err := db.FindChannelAccountByID(ctx, demo.ID); resonanz.ErrorCode(err) != resonanz.ENOTFOUND {
			t.Fatalf("the account is still there: %v", err)
		}
	})
}
