package analyze

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestSuggestSeedTerms(t *testing.T) {
	a := load(t)
	var corrections []resonanz.LabelCorrection
	add := func(id int64, topics, text string) {
		corrections = append(corrections, resonanz.LabelCorrection{MessageID: id, Field: "topics", Value: topics, Text: text})
	}
	add(1, "service", "Meine Treuepunkte vom Einkauf fehlen schon wieder")
	add(2, "service", "Wo sind die Treuepunkte geblieben? Einkauf war letzte Woche")
	add(3, "billing", "Treuepunkte falsch, aber eigentlich egal")    // a later correction of the same message wins:
	add(3, "service", "Treuepunkte falsch, aber eigentlich egal")    // three service messages with the word
	add(4, "delivery", "Einkauf online bestellt, Einkauf kam nicht") // "einkauf" is everywhere, not a service word
	add(5, "quality", "Einkauf war kaputt")
	add(6, "sentiment", "positive") // not a topic correction: ignored
	corrections[len(corrections)-1].Field = "sentiment"

	got := a.SuggestSeedTerms(corrections, 3)
	var service []string
	for _, s := range got {
		if s.Topic == "service" {
			service = append(service, s.Term)
			if s.Term == "treuepunkte" && s.Messages != 3 {
				t.Errorf("treuepunkte counted in %d messages, want 3", s.Messages)
			}
		}
		if s.Term == "einkauf" {
			t.Errorf("suggested the everyday word %q for %s", s.Term, s.Topic)
		}
	}
	if len(service) == 0 || service[0] != "treuepunkte" {
		t.Fatalf("suggestions for service: %v (all %+v), want treuepunkte first", service, got)
	}
	learned := a.WithTopics(append(DefaultTopics(), Topic{Name: "service", SeedTerms: []string{"treuepunkte"}}))
	if topics := learned.Analyze("Keine Treuepunkte bekommen").Topics; len(topics) == 0 {
		t.Fatalf("after learning the term the analysis still finds no topic")
	}
}
