package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// An admin sets up a form under Settings → Channels and finds its address,
// its kiosk and the snippet that embeds it.
func TestFormSettings(t *testing.T) {
	base, db, _ := newTestServer(t)
	admin, _ := logInAs(t, base, db, "ada", resonanz.RoleAdmin)
	status, body := admin.post("/settings/channels", "kind", "form", "name", "Kontakt <Shop>", "slug", "kontakt",
		"consent", "Ich bin einverstanden.", "embed", "https://shop.example", "store", "Filiale Mitte")
	if status != http.StatusOK && status != http.StatusSeeOther {
		t.Fatalf("connect: %d %.1000s", status, body)
	}
	status, body = admin.get("/settings/channels")
	wantPage(t, status, body, http.StatusOK, `href="`+base+`/forms/kontakt"`)
	mustContain(t, body, `href="`+base+`/forms/kontakt/kiosk"`,
		`&lt;iframe src="`+base+`/forms/kontakt" title="Kontakt &lt;Shop&gt;" width="100%" height="760" loading="lazy"&gt;&lt;/iframe&gt;`)
	t.Run("ErrSlugTaken", func(t *testing.T) {
		status, body := admin.post("/settings/channels", "kind", "form", "name", "Zweites Formular", "slug", "kontakt")
		wantPage(t, status, body, http.StatusUnprocessableEntity, "taken")
		if !strings.Contains(body, `id="channel-slug" value="kontakt"`) {
			t.Fatal("the form lost what was typed")
		}
	})
}
