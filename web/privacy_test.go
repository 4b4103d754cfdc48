package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// TestPrivacyRights: a lead hands a person their data as JSON and as a
// readable page; only an admin erases, and only after confirming; the
// contact page then shows nothing of the person but the log of both.
func TestPrivacyRights(t *testing.T) {
	base, db, _ := newTestServer(t)
	ctx := context.Background()
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "mastodon", ExternalID: "p-1",
		Author: resonanz.Author{Handle: "@greta@social.example", DisplayName: "Greta Ollenhauer"},
		Text:   "Meine Kaffeemühle <b>knirscht</b>", Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	conv, _ := db.FindConversationByID(ctx, res[0].ConversationID)
	page := "/contacts/" + itoa(conv.ContactID)
	lea, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	ada, _ := logInAs(t, base, db, "ada", resonanz.RoleAdmin)

	t.Run("ExportJSON", func(t *testing.T) {
		status, body := lea.post(page+"/export", "format", "json")
		if status != http.StatusOK {
			t.Fatalf("export: %d %s", status, body)
		}
		var rec struct {
			Tables []struct {
				Table string           `json:"table"`
				Rows  []map[string]any `json:"rows"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(body), &rec); err != nil {
			t.Fatal(err)
		}
		for _, tb := range rec.Tables {
			if tb.Table == "messages" && len(tb.Rows) == 1 && tb.Rows[0]["text"] == "Meine Kaffeemühle <b>knirscht</b>" {
				return
			}
		}
		t.Fatalf("the export lacks the message: %s", body)
	})
	t.Run("ExportHTMLEscapes", func(t *testing.T) {
		status, body := lea.post(page+"/export", "format", "html")
		wantPage(t, status, body, http.StatusOK, "Greta Ollenhauer")
		if !strings.Contains(body, "Kaffeemühle &lt;b&gt;knirscht&lt;/b&gt;") {
			t.Fatal("the readable page does not show the message, escaped")
		}
	})
	t.Run("LeadMayNotErase", func(t *testing.T) {
		if status, _ := lea.post(page+"/erase", "confirm", "erase"); status != http.StatusForbidden {
			t.Fatalf("a lead erasing: %d, want 403", status)
		}
	})
	t.Run("EraseNeedsConfirmation", func(t *testing.T) {
		status, body := ada.post(page+"/erase", "confirm", "")
		wantPage(t, status, body, http.StatusBadRequest, "Tick the box")
	})
	t.Run("Erase", func(t *testing.T) {
		if status, _ := ada.post(page+"/erase", "confirm", "erase"); status != http.StatusSeeOther {
			t.Fatalf("erase: %d", status)
		}
		status, body := ada.get(page)
		wantPage(t, status, body, http.StatusOK, `<h1 id="contact-name">Erased person`)
		for _, gone := range []string{"Greta", "greta@social.example", "Kaffeemühle"} {
			if strings.Contains(body, gone) {
				t.Errorf("the contact page still shows %q", gone)
			}
		}
		if !strings.Contains(body, "erased the data") || !strings.Contains(body, "exported the data") {
			t.Error("the privacy log lacks the export or the erasure")
		}
	})
}
