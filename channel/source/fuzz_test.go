package source_test

import (
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel/source"
)

// FuzzParseWebhook feeds signed bodies to the decoder of pushes (seeds in
// testdata/fuzz/FuzzParseWebhook): it never panics, refuses only with
// EINVALID, and every message it returns is one resonanz accepts, carrying
// the source's prefix; the same body under another secret is refused.
func FuzzParseWebhook(f *testing.F) {
	c := newSource(f, nil)
	f.Fuzz(func(t *testing.T, body []byte) {
		msgs, err := c.ParseWebhook(body, source.Sign([]byte(testSecret), body))
		if err != nil && resonanz.ErrorCode(err) != resonanz.EINVALID {
			t.Fatalf("a signed body gave %v", err)
		}
		for _, m := range msgs {
			if err := m.Validate(); err != nil {
				t.Errorf("%+v does not validate: %v", m, err)
			}
			if !strings.HasPrefix(m.ExternalID, "src7:") || m.AccountID != 7 || (m.ReplyTo != "" && !strings.HasPrefix(m.ReplyTo, "src7:")) {
				t.Errorf("%+v: without the source's prefix", m)
			}
		}
		if _, err := c.ParseWebhook(body, source.Sign([]byte("another-secret-of-16+"), body)); resonanz.ErrorCode(err) != resonanz.EUNAUTHORIZED {
			t.Fatalf("a body under a wrong signature gave %v", err)
		}
	})
}
