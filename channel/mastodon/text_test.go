package mastodon

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Paragraphs", "<p>Hallo</p><p>Welt</p>", "Hallo\n\nWelt"},
		{"LineBreak", "eins<br>zwei<br/>drei", "eins\nzwei\ndrei"},
		{"Mention", `<p><span class="h-card"><a href="https://x/@brand" class="u-url mention">@<span>brand</span></a></span> Wo ist mein Paket?</p>`, "@brand Wo ist mein Paket?"},
		{"Entities", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr</p>", "<script>alert(1)</script> & mehr"},
		{"ScriptTagDropped", "<script>x</script>Text", "xText"},
		{"UnclosedTag", "Text <a href=", "Text"},
		{"Plain", "kein HTML", "kein HTML"},
		{"EmptyTag", "a< >b<>c", "abc"}, // found by FuzzNotifications
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainText(tc.in); got != tc.want {
				t.Fatalf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzNotifications feeds the notification decoder whatever a server might
// send: it must never panic, and what it makes of a mention is valid text.
func FuzzNotifications(f *testing.F) {
	f.Add([]byte(`[{"id":"1","type":"mention","status":{"id":"9","created_at":"2026-12-01T10:00:00Z","visibility":"direct",
		"content":"<p>@brand Hilfe</p>","account":{"id":"5","acct":"anna","display_name":"Anna"},"in_reply_to_id":"8",
		"media_attachments":[{"url":"https://x/a.png"}]}}]`))
	f.Add([]byte(`[{"id":"2","type":"favourite"}]`))
	f.Add([]byte(`[{"id":"3","type":"mention","status":null}]`))
	f.Add([]byte(`{"error":"The access token is invalid"}`))
	c := &Channel{host: "social.example"}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var notes []notification
		if json.Unmarshal(raw, &notes) != nil {
			return
		}
		for _, n := range notes {
			if n.Status == nil {
				continue
			}
			m := c.incoming(n.Status, false)
			if !utf8.ValidString(m.Text) && utf8.ValidString(n.Status.Content) {
				t.Fatalf("valid content became invalid text: %q", m.Text)
			}
		}
	})
}
