package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	ingestpkg "github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/web"
)

// upload posts a form entry with files as a browser does.
func upload(t *testing.T, base, path string, fields map[string]string, files map[string][]byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", "de")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	return resp, string(page)
}

// TestFormUploads: a person sends a photo and a receipt with the web form;
// the agent downloads them under safe names. Too many or too large files are
// refused with the text kept; the kiosk takes no files.
func TestFormUploads(t *testing.T) {
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	var in *ingestpkg.Ingester
	base, db, _ := newTestServer(t, func(s *web.Server) {
		in = ingestpkg.New(s.Messages, a)
		in.Files = s.Files.(resonanz.AttachmentKeeper)
		s.Messages = in
	})
	t.Cleanup(in.Close)
	addForm(t, db, "Kontakt", map[string]string{"slug": "kontakt", "store": "Mitte"})
	photo := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)

	resp, _ := upload(t, base, "/forms/kontakt", map[string]string{"text": "Die Jacke kam beschädigt an", "email": "kim@example.org"},
		map[string][]byte{"../../etc/passwd": []byte("root:x:0:0"), "jacke.png": photo})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the entry with files answered %d", resp.StatusCode)
	}
	msgs := formMessages(t, db, "form")
	if len(msgs) != 1 || len(msgs[0].Attachments) != 2 {
		t.Fatalf("stored %d messages, files %+v", len(msgs), msgs)
	}
	names := map[string]*resonanz.Attachment{}
	for _, f := range msgs[0].Attachments {
		names[f.Name] = f
	}
	if names["passwd"] == nil || names["jacke.png"] == nil || names["jacke.png"].Path == "" || names["jacke.png"].Size != int64(len(photo)) {
		t.Fatalf("files kept as %+v", msgs[0].Attachments)
	}
	lea, _ := logInAs(t, base, db, "lea", resonanz.RoleLead)
	status, body := lea.get("/conversations/" + itoa(msgs[0].ConversationID))
	wantPage(t, status, body, http.StatusOK, "jacke.png")
	status, got := lea.get("/attachments/" + itoa(names["jacke.png"].ID))
	if status != http.StatusOK || got != string(photo) {
		t.Fatalf("download: %d, %d bytes", status, len(got))
	}

	t.Run("ErrTooManyFiles", func(t *testing.T) {
		files := map[string][]byte{"a.txt": []byte("a"), "b.txt": []byte("b"), "c.txt": []byte("c"), "d.txt": []byte("d")}
		resp, page := upload(t, base, "/forms/kontakt", map[string]string{"text": "Vier Belege", "email": "kim@example.org"}, files)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "höchstens 3 Dateien") || !strings.Contains(page, "Vier Belege") {
			t.Fatalf("four files: %d\n%s", resp.StatusCode, page)
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		resp, page := upload(t, base, "/forms/kontakt", map[string]string{"text": "Ein Film", "email": "kim@example.org"},
			map[string][]byte{"film.mp4": bytes.Repeat([]byte("x"), 9<<20)})
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "zu groß") {
			t.Fatalf("9 MB: %d\n%s", resp.StatusCode, page)
		}
	})
	t.Run("KioskTakesNoFiles", func(t *testing.T) {
		resp, _ := upload(t, base, "/forms/kontakt/kiosk", map[string]string{"text": "Nettes Personal"}, map[string][]byte{"x.png": photo})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("kiosk entry: %d", resp.StatusCode)
		}
		if msgs := formMessages(t, db, "instore"); len(msgs) != 1 || len(msgs[0].Attachments) != 0 {
			t.Fatalf("kiosk stored %+v", msgs)
		}
	})
	if msgs := formMessages(t, db, "form"); len(msgs) != 1 {
		t.Fatalf("%d form messages after the refusals, want 1", len(msgs))
	}
}
