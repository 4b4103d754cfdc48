package meta

import (
	"net/http"
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// FuzzParseWebhook feeds signed bodies to the parser (seeds in
// testdata/fuzz/FuzzParseWebhook): it never panics, refuses only with
// EINVALID, and every message it returns is one resonanz accepts.
func FuzzParseWebhook(f *testing.F) {
	c := newTestChannel(f, DefaultGraphURL, http.DefaultClient)
	f.Fuzz(func(t *testing.T, body []byte) {
		msgs, _, err := c.Parse(body, sign(testAppSecret, body))
		if err != nil && resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Fatalf("a signed body gave %v", err)
		}
		for _, m := range msgs {
			if err := m.Validate(); err != nil {
				t.Errorf("%+v does not validate: %v", m, err)
			}
			prefix := map[string]string{"facebook": "fb:", "instagram": "ig:"}[m.Channel]
			if prefix == "" || !strings.HasPrefix(m.ExternalID, prefix) || !strings.HasPrefix(m.Author.Handle, prefix) || m.AccountID != testAccountID {
				t.Errorf("%+v: wrong channel, prefix or account", m)
			}
		}
		if _, err := c.ParseWebhook(body, sign("another-app", body)); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
			t.Fatalf("a body under a wrong signature gave %v", err)
		}
	})
}
