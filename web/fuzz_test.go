package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/route"
)

var fuzzNow = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// FuzzDecodeMessage feeds the messages API whatever a client sends: a
// message is either refused with a field named, or valid through and through.
func FuzzDecodeMessage(f *testing.F) {
	f.Add([]byte(`{"channel":"mastodon","external_id":"1","visibility":"public","author":{"handle":"@a"},"text":"Hallo","time":"2026-12-07T09:00:00Z"}`))
	f.Add([]byte(`{"channel":"email","external_id":"e","visibility":"private","author":{"handle":"a@b","customer_ref":"c1"},"text":"x","time":"9999-12-31T00:00:00Z"}`))
	f.Add([]byte(`{"channel":1}`))
	f.Add([]byte(`{"text":"\u0000"}`))
	f.Add([]byte("{\"text\":\"\xff\"}"))
	f.Add([]byte(`{"channel":"form","unknown":true}`))
	f.Add([]byte(`{} {}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := decodeMessage(raw, fuzzNow)
		if err != nil {
			if resonanz.ErrorCode(err) != resonanz.EINVALID || resonanz.ErrorField(err) == "" {
				t.Fatalf("%q: %v is not a field error", raw, err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("%q passed but is invalid: %v", raw, err)
		}
		if err := resonanz.CheckMessageTime(m.Time, fuzzNow); err != nil {
			t.Fatalf("%q passed with an implausible time: %v", raw, err)
		}
	})
}

// FuzzRuleFromForm feeds the rule form whatever a browser posts: a rule
// that is read routes a message without panicking, and only allowed values
// come through.
func FuzzRuleFromForm(f *testing.F) {
	f.Add("name=VIP&enabled=1&vip=1&priority=high&team=3")
	f.Add("name=x&channel=mastodon&channel=evil&kind=complaint&keywords=Kündigung,+Anwalt&tags=a,b")
	f.Add("name=%00&team=-1&owner=abc")
	f.Add("keywords=" + strings.Repeat("a,", 500))
	labels := labelChoices{Kinds: []string{resonanz.KindComplaint}, Sentiments: []string{resonanz.Negative}, Languages: []string{resonanz.LangGerman},
		Topics: []string{"delivery"}}
	f.Fuzz(func(t *testing.T, body string) {
		r, err := http.NewRequest("POST", "/settings/rules", strings.NewReader(body))
		if err != nil {
			return
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rule, err := ruleFromForm(r, labels)
		if err != nil {
			return
		}
		for _, k := range rule.Conditions.Kinds {
			if k != resonanz.KindComplaint {
				t.Fatalf("kind %q came through", k)
			}
		}
		rule.Enabled = true
		route.NewEngine([]*resonanz.Rule{rule}).Route(&resonanz.RouteInput{Channel: "mastodon", Kind: resonanz.KindComplaint,
			Text: "Ich kündige, mein Anwalt schreibt Ihnen."})
	})
}

// FuzzParseCursor: an inbox cursor from a URL never panics.
func FuzzParseCursor(f *testing.F) {
	f.Add(formatCursor(&resonanz.Cursor{LastMessageAt: fuzzNow, ID: 7}))
	f.Add("x.y")
	f.Add("-1.-1")
	f.Fuzz(func(t *testing.T, s string) { parseCursor(s) })
}

// FuzzParseEuros: amounts typed into the goodwill form are refused or exact.
func FuzzParseEuros(f *testing.F) {
	for _, s := range []string{"35,50", "1.000,00", "-5", "zehn", "0,001", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cents, err := resonanz.ParseEuros("amount", s)
		if err == nil && cents < 0 {
			t.Fatalf("%q became %d cents", s, cents)
		}
	})
}
