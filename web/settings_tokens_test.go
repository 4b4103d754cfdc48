package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

var secretRE = regexp.MustCompile(`<code id="token-secret">(rz_[^<]+)</code>`)

// An admin issues, lists and revokes API tokens in the settings; a token
// does only what its scopes allow and stops at once when revoked.
func TestAPITokenSettings(t *testing.T) {
	base, db, _ := newTestServer(t)
	admin, _ := logInAs(t, base, db, "ada", resonanz.RoleAdmin)
	lead, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	issue := func(fields ...string) string {
		t.Helper()
		status, page := admin.post("/settings/tokens", fields...)
		m := secretRE.FindStringSubmatch(page)
		if status != http.StatusCreated || m == nil {
			t.Fatalf("issuing answered %d without a secret:\n%.3000s", status, page)
		}
		return m[1]
	}
	t.Run("ErrLeadsCannot", func(t *testing.T) {
		status, body := lead.get("/settings/tokens")
		wantPage(t, status, body, http.StatusForbidden, "Only admins may open this page.")
		status, body = lead.post("/settings/tokens", "name", "shop", "scope", "ingest")
		wantPage(t, status, body, http.StatusForbidden, "Only admins may open this page.")
		if _, page := lead.get("/settings/rules"); strings.Contains(page, `id="nav-tokens"`) {
			t.Fatal("a lead's settings link the token page")
		}
	})
	t.Run("ErrBadForm", func(t *testing.T) {
		status, body := admin.post("/settings/tokens", "name", "shop")
		wantPage(t, status, body, http.StatusBadRequest, "Choose at least one scope")
		status, body = admin.post("/settings/tokens", "name", "shop", "scope", "ingest", "expires", "morgen")
		wantPage(t, status, body, http.StatusBadRequest, "Enter the last day the token works as a date")
		status, body = admin.post("/settings/tokens", "name", "shop", "scope", "ingest", "expires", "2020-01-01")
		wantPage(t, status, body, http.StatusBadRequest, "The expiry has passed already.")
	})
	reader := issue("name", "Dashboard", "scope", "read", "expires", "2099-12-31")
	shop := issue("name", "Shop", "scope", "ingest")
	t.Run("ScopeDecides", func(t *testing.T) {
		if status, body := post(t, base, reader, []byte(goodMessage)); status != http.StatusForbidden {
			t.Fatalf("a read token delivered a message: %d %v", status, body)
		}
		if status, body := post(t, base, shop, []byte(goodMessage)); status != http.StatusCreated {
			t.Fatalf("an ingest token could not deliver: %d %v", status, body)
		}
	})
	tokens, err := db.FindAPITokens(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var shopID int64
	for _, tok := range tokens {
		if tok.Name == "Shop" {
			shopID = tok.ID
		}
	}
	t.Run("List", func(t *testing.T) {
		_, page := admin.get("/settings/tokens")
		mustContain(t, page, `id="nav-tokens"`, "Dashboard", "01.01.2100 00:00", "deliver messages", "never")
		if strings.Contains(page, shop) || strings.Contains(page, reader) {
			t.Fatal("the list shows a secret again")
		}
	})
	t.Run("RevokedAtOnce", func(t *testing.T) {
		if status, _ := admin.post("/settings/tokens/" + itoa(shopID) + "/revoke"); status != http.StatusSeeOther {
			t.Fatalf("revoke answered %d", status)
		}
		if status, body := post(t, base, shop, []byte(goodMessage)); status != http.StatusUnauthorized {
			t.Fatalf("the revoked token still delivers: %d %v", status, body)
		}
		_, page := admin.get("/settings/tokens")
		if !regexp.MustCompile(`data-token="` + itoa(shopID) + `" class="token-revoked"`).MatchString(page) {
			t.Fatalf("the list does not show the token revoked:\n%.3000s", page)
		}
	})
}
