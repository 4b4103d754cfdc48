package route

import (
	"fmt"
	"testing"

	"github.com/resonanz/resonanz"
)

// benchRules returns n realistic rules: topic, channel and keyword rules for
// a German shop, none of which match benchMessage except one near the end.
func benchRules(n int) []*resonanz.Rule {
	topics := []string{"delivery", "billing", "returns", "account", "product", "warranty", "shipping", "payment"}
	channels := []string{"email", "chat", "instagram", "facebook", "phone", "form"}
	words := []string{"Rechnung", "Mahnung", "Gutschrift", "Lastschrift", "Passwort", "Anmeldung", "Garantie",
		"Reparatur", "Umtausch", "Rücksendung", "Gutschein", "Rabatt", "Newsletter", "Datenschutz", "Abmahnung",
		"Anwalt", "Presse", "Filiale", "Öffnungszeiten", "Ersatzteil", "Montage", "Bedienungsanleitung"}
	rules := make([]*resonanz.Rule, 0, n)
	for i := range n - 1 {
		r := &resonanz.Rule{ID: int64(i + 1), Position: i, Name: fmt.Sprintf("rule %d", i), Enabled: i%17 != 0}
		w := words[i%len(words)]
		switch i % 4 {
		case 0:
			r.Conditions.Keywords = []string{w, fmt.Sprintf("%s%d", w, i), words[(i+5)%len(words)] + " " + words[(i+9)%len(words)]}
		case 1:
			r.Conditions.Channels = []string{channels[i%len(channels)]}
			r.Conditions.Topics = []string{topics[i%len(topics)], topics[(i+3)%len(topics)]}
			r.Conditions.VIP = true
		case 2:
			r.Conditions.Languages = []string{"en", "fr"}
			r.Conditions.Keywords = []string{w}
		case 3:
			r.Conditions.Topics = []string{"account", "warranty"}
			r.Conditions.Sentiments = []string{"negative"}
		}
		r.Actions = resonanz.RuleActions{TeamID: int64(i%7 + 1), Tags: []string{fmt.Sprintf("tag%d", i%13)}}
		rules = append(rules, r)
	}
	rules = append(rules, &resonanz.Rule{ID: int64(n), Position: n, Name: "damaged parcels", Enabled: true,
		Conditions: resonanz.RuleConditions{Channels: []string{"email"}, Topics: []string{"delivery"},
			Keywords: []string{"Paket beschädigt", "kaputt"}},
		Actions: resonanz.RuleActions{TeamID: 42, Priority: resonanz.PriorityHigh, Tags: []string{"damage"}}})
	return rules
}

var benchMessage = resonanz.RouteInput{
	Channel: "email", Language: "de", Sentiment: "neutral", Kind: "complaint", Topics: []string{"delivery"},
	Text: "Guten Tag, meine Bestellung 48213 ist gestern angekommen, aber das Paket war beschädigt und die " +
		"Kaffeemaschine hat einen Riss im Gehäuse. Bitte schicken Sie mir Ersatz oder erstatten Sie den Betrag.",
}

func TestBenchRulesMatchNearTheEnd(t *testing.T) {
	d := NewEngine(benchRules(200)).Route(&benchMessage)
	if len(d.Matches) != 1 || d.Matches[0].RuleID != 200 || d.TeamID != 42 {
		t.Fatalf("decision %+v, want only rule 200", d)
	}
}

func BenchmarkRoute200Rules(b *testing.B) {
	e := NewEngine(benchRules(200))
	b.ReportAllocs()
	for b.Loop() {
		e.Route(&benchMessage)
	}
}

func TestManyKeywordStems(t *testing.T) {
	var rules []*resonanz.Rule
	for i := range 1200 {
		rules = append(rules, rule(int64(i+1), i, false,
			resonanz.RuleConditions{Keywords: []string{fmt.Sprintf("wort%dx", i)}}, resonanz.RuleActions{TeamID: int64(i + 1)}))
	}
	d := NewEngine(rules).Route(&resonanz.RouteInput{Text: "Hier steht wort1150x drin."})
	if d.TeamID != 1151 {
		t.Fatalf("team %d, want 1151", d.TeamID)
	}
}
