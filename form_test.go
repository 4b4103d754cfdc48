package resonanz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestContactFormOf(t *testing.T) {
	form := func(settings map[string]string) (*resonanz.ContactForm, error) {
		return resonanz.ContactFormOf(&resonanz.ChannelAccount{ID: 3, Kind: "form", Name: "Kontakt", Settings: settings})
	}
	t.Run("OK", func(t *testing.T) {
		f, err := form(map[string]string{"slug": "kontakt", "topic": "service", "consent": "Ich bin einverstanden.",
			"embed": "https://shop.example, http://localhost:8081", "store": "Filiale Mitte"})
		if err != nil {
			t.Fatal(err)
		}
		if f.Slug != "kontakt" || len(f.Embed) != 2 || f.Embed[1] != "http://localhost:8081" || f.Store != "Filiale Mitte" || f.AccountID != 3 {
			t.Fatalf("%+v", f)
		}
	})
	for _, tc := range []struct {
		name, field string
		settings    map[string]string
	}{
		{"ErrSlugRequired", "slug", map[string]string{}},
		{"ErrSlugPath", "slug", map[string]string{"slug": "../admin"}},
		{"ErrSlugUpper", "slug", map[string]string{"slug": "Kontakt"}},
		{"ErrTopic", "topic", map[string]string{"slug": "k", "topic": "Service Team"}},
		{"ErrConsentTooLong", "consent", map[string]string{"slug": "k", "consent": strings.Repeat("x", resonanz.MaxConsentLen+1)}},
		// Origins go into a header: nothing that could end or extend the policy.
		{"ErrEmbedPolicyInjection", "embed", map[string]string{"slug": "k", "embed": "https://shop.example;script-src"}},
		{"ErrEmbedQuote", "embed", map[string]string{"slug": "k", "embed": "'unsafe-inline'"}},
		{"ErrEmbedPath", "embed", map[string]string{"slug": "k", "embed": "https://shop.example/kontakt"}},
		{"ErrEmbedScheme", "embed", map[string]string{"slug": "k", "embed": "javascript://x"}},
		{"ErrEmbedUser", "embed", map[string]string{"slug": "k", "embed": "https://a@shop.example"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := form(tc.settings); resonanz.ErrorField(err) != tc.field {
				t.Fatalf("err = %v, want one about %q", err, tc.field)
			}
		})
	}
}

func TestFormEntryMessage(t *testing.T) {
	at := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	f := &resonanz.ContactForm{AccountID: 3, Slug: "kontakt", Topic: "service", Consent: "Meine Angaben dürfen zur Antwort gespeichert werden."}
	t.Run("OK", func(t *testing.T) {
		m, err := f.Message(&resonanz.FormEntry{ID: "a1", Name: " Kim Meyer ", Email: "Kim@Example.org", Text: "Wo bleibt mein Paket?", Consented: true, At: at})
		if err != nil {
			t.Fatal(err)
		}
		if m.Channel != "form" || m.ExternalID != "form:a1" || m.Author.Handle != "kim@example.org" || m.Author.DisplayName != "Kim Meyer" ||
			m.Author.CustomerRef != "kim@example.org" || m.Visibility != resonanz.Private || m.AccountID != 3 || m.TopicHint != "service" ||
			m.Consent != f.Consent || !m.Time.Equal(at) {
			t.Fatalf("%+v", m)
		}
	})
	t.Run("KioskWithoutAddress", func(t *testing.T) {
		m, err := f.Message(&resonanz.FormEntry{ID: "b2", Text: "Sehr freundliche Beratung!", Consented: true, Kiosk: true, At: at})
		if err != nil {
			t.Fatal(err)
		}
		if m.Channel != "instore" || m.Author.Handle != "anonymous:b2" || m.Author.CustomerRef != "" {
			t.Fatalf("%+v", m)
		}
	})
	for _, tc := range []struct {
		name, field string
		e           resonanz.FormEntry
	}{
		{"ErrTextRequired", "text", resonanz.FormEntry{Email: "kim@example.org", Text: "  ", Consented: true}},
		{"ErrTextTooLong", "text", resonanz.FormEntry{Email: "kim@example.org", Text: strings.Repeat("x", resonanz.MaxFormTextLen+1), Consented: true}},
		{"ErrEmailRequired", "email", resonanz.FormEntry{Text: "Hallo", Consented: true}},
		{"ErrEmailWithName", "email", resonanz.FormEntry{Email: "Kim <kim@example.org>", Text: "Hallo", Consented: true}},
		{"ErrEmailHeaderFold", "email", resonanz.FormEntry{Email: "kim@example.org\r\nBcc: x@example.org", Text: "Hallo", Consented: true}},
		{"ErrEmailNoDomain", "email", resonanz.FormEntry{Email: "kim@localhost", Text: "Hallo", Consented: true}},
		{"ErrConsentMissing", "consent", resonanz.FormEntry{Email: "kim@example.org", Text: "Hallo"}},
		{"ErrNameTooLong", "name", resonanz.FormEntry{Name: strings.Repeat("n", 201), Email: "kim@example.org", Text: "Hallo", Consented: true}},
		{"ErrNotUTF8", "text", resonanz.FormEntry{Email: "kim@example.org", Text: "caf\xe9", Consented: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.ID, tc.e.At = "c3", at
			if _, err := f.Message(&tc.e); resonanz.ErrorField(err) != tc.field {
				t.Fatalf("err = %v, want one about %q", err, tc.field)
			}
		})
	}
}
