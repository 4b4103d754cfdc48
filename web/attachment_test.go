package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/web"
)

// TestAttachments: an agent sees a mail's files on the conversation page
// and downloads them as files, never as a page; a refused file says why;
// an agent who may not see the conversation gets nothing.
func TestAttachments(t *testing.T) {
	var srv *web.Server
	base, db, _ := newTestServer(t, func(s *web.Server) { srv = s })
	ctx := context.Background()
	evil := `<html><script>alert(document.cookie)</script></html>`
	m := resonanz.IncomingMessage{Channel: "email", ExternalID: "a1@example.org", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Siehe Anhang", Visibility: resonanz.Private, Time: time.Now().Add(-time.Hour), ReplyAddress: "familie@example.org",
		Attachments: []*resonanz.Attachment{
			{Name: "original.eml", Type: "message/rfc822", Original: true, Data: []byte("From: kim@example.org\r\n\r\nSiehe Anhang")},
			{Name: `rech"nung.html`, Type: "text/html", Data: []byte(evil)},
			{Name: "bild.svg", Type: "image/svg+xml", Data: []byte(`<svg onload="alert(1)"/>`)},
			{Name: "film.mp4", Type: "video/mp4", Size: 40 << 20},
		}}
	if err := srv.Files.(resonanz.AttachmentKeeper).Keep(&m); err != nil {
		t.Fatal(err)
	}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{m})
	if err != nil {
		t.Fatal(err)
	}
	lea, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	status, body := lea.get("/conversations/" + itoa(res[0].ConversationID))
	for _, want := range []string{"rech&#34;nung.html", "bild.svg", "Original message as received",
		"film.mp4 (40.0 MB)", "not kept: too large (more than 10.0 MB)", "Replies go to familie@example.org"} {
		wantPage(t, status, body, http.StatusOK, want)
	}
	if n := strings.Count(body, `href="/attachments/`); n != 3 {
		t.Fatalf("%d download links, want 3 (the original and two files)", n)
	}

	download := func(id, session string) *http.Response {
		req, _ := http.NewRequest("GET", base+"/attachments/"+id, nil)
		req.AddCookie(&http.Cookie{Name: "resonanz_session", Value: session})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	t.Run("HTMLIsADownload", func(t *testing.T) {
		resp := download("2", lea.token)
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || string(got) != evil {
			t.Fatalf("%d %q", resp.StatusCode, got)
		}
		for header, want := range map[string]string{
			"Content-Type":           "application/octet-stream",
			"Content-Disposition":    `attachment; filename=rech_nung.html`,
			"X-Content-Type-Options": "nosniff",
		} {
			if resp.Header.Get(header) != want {
				t.Errorf("%s: %q, want %q", header, resp.Header.Get(header), want)
			}
		}
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("no sandbox: %q", resp.Header.Get("Content-Security-Policy"))
		}
	})
	t.Run("SVGIsADownload", func(t *testing.T) {
		if ct := download("3", lea.token).Header.Get("Content-Type"); ct != "application/octet-stream" {
			t.Fatalf("an SVG went out as %q", ct)
		}
	})
	t.Run("OriginalKeepsItsType", func(t *testing.T) {
		resp := download("1", lea.token)
		if ct := resp.Header.Get("Content-Type"); ct != "message/rfc822" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("%q, %q", ct, resp.Header.Get("Content-Disposition"))
		}
	})
	t.Run("RefusedFileIsNotFound", func(t *testing.T) {
		if resp := download("4", lea.token); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("a file not kept: %d", resp.StatusCode)
		}
	})
	t.Run("AgentOfAnotherTeam", func(t *testing.T) {
		ann, other := logInAs(t, base, db, "ann", resonanz.RoleAgent)
		_, me := logInAs(t, base, db, "kai", resonanz.RoleAgent)
		kasse, _ := db.CreateTeam(ctx, "Kasse")
		versand, _ := db.CreateTeam(ctx, "Versand")
		kasse.Members, versand.Members = []int64{me.ID}, []int64{other.ID}
		for _, team := range []*resonanz.Team{kasse, versand} {
			if err := db.SaveTeam(ctx, team); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.UpdateConversation(ctx, res[0].ConversationID, me, resonanz.ConversationUpdate{TeamID: &kasse.ID}); err != nil {
			t.Fatal(err)
		}
		resp := download("2", ann.token)
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(string(got), "document.cookie") {
			t.Fatalf("another team's file: %d %q", resp.StatusCode, got)
		}
	})
}
