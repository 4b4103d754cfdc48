package analyze

import (
	"testing"

	"github.com/resonanz/resonanz"
)

// fiveSlang are five messages in a company's customers' slang, where "krank"
// is praise; the shipped models read it as a complaint.
var fiveSlang = []string{
	"Der neue Drop ist einfach krank, danke Leute",
	"Eure Sneaker sind so krank, hab gleich zwei bestellt",
	"Die Farben vom neuen Hoodie: krank!",
	"Lieferung nach einem Tag, krank wie schnell ihr seid",
	"Das Design der Kappe ist krank, Respekt",
}

func TestFiveCorrectionsChangeASimilarMessage(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	fresh := "Die neue Jacke ist richtig krank"
	if got := a.Analyze(fresh).Sentiment; got == resonanz.Positive {
		t.Fatalf("the shipped models already read %q as %s; the test needs slang they miss", fresh, got)
	}
	var corrected []Example
	for _, text := range fiveSlang {
		corrected = append(corrected, Example{Text: text, Sentiment: resonanz.Positive})
	}
	d := a.Learn(corrected, DefaultLearnOptions)
	if got := a.Adapt(d).Analyze(fresh).Sentiment; got != resonanz.Positive {
		t.Fatalf("after five corrections %q is still %s", fresh, got)
	}
	if got := a.Adapt(d).Analyze("Die Hotline war unfreundlich und der Artikel kaputt").Sentiment; got != resonanz.Negative {
		t.Fatalf("five corrections about slang made a plain complaint %s", got)
	}
}

func TestDeltaKeepsWhatWasLearned(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var corrected []Example
	for _, text := range fiveSlang {
		corrected = append(corrected, Example{Text: text, Sentiment: resonanz.Positive, Kind: resonanz.KindPraise, Language: resonanz.LangGerman})
	}
	b, err := a.Learn(corrected, DefaultLearnOptions).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var d Delta
	if err := d.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if got := a.Adapt(&d).Analyze("Die neue Jacke ist richtig krank").Sentiment; got != resonanz.Positive {
		t.Fatalf("the stored delta lost what it learned: %s", got)
	}
	if err := new(Delta).UnmarshalBinary(b[:len(b)/2]); err == nil {
		t.Fatal("half a delta was read without an error")
	}
}

func TestLanguageCorrectionsTeachWords(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	// Dutch, which the word lists often take for English.
	texts := []string{"Mijn pakketje is kapot", "Waar blijft mijn pakketje", "Mijn pakketje is zoek",
		"Pakketje nog steeds niet ontvangen", "Dank voor mijn pakketje"}
	var corrected []Example
	for _, text := range texts {
		corrected = append(corrected, Example{Text: text, Language: resonanz.LangOther})
	}
	fresh := "Wanneer komt mijn pakketje"
	before := a.Analyze(fresh).Language
	if before == resonanz.LangOther {
		t.Fatalf("the word lists already know %q is neither German nor English; the test needs words they miss", fresh)
	}
	after := a.Adapt(a.Learn(corrected, DefaultLearnOptions)).Analyze(fresh).Language
	if after != resonanz.LangOther {
		t.Fatalf("after five language corrections %q is %s (was %s)", fresh, after, before)
	}
	if got := a.Adapt(a.Learn(corrected, DefaultLearnOptions)).Analyze("Where is my parcel, it is late again").Language; got != resonanz.LangEnglish {
		t.Fatalf("language corrections made plain English %s", got)
	}
}

// An agent who corrects a label twice teaches the second; each message is
// one example, in the order it was first corrected.
func TestCorrectedKeepsTheLatestLabel(t *testing.T) {
	examples, ids := Corrected([]resonanz.LabelCorrection{
		{ID: 1, MessageID: 7, Text: "Paket fehlt", Field: "sentiment", Value: resonanz.Neutral},
		{ID: 2, MessageID: 3, Text: "Danke!", Field: "kind", Value: resonanz.KindPraise},
		{ID: 3, MessageID: 7, Text: "Paket fehlt", Field: "sentiment", Value: resonanz.Negative},
		{ID: 4, MessageID: 7, Text: "Paket fehlt", Field: "language", Value: resonanz.LangGerman},
		{ID: 5, MessageID: 3, Text: "Danke!", Field: "topics", Value: "delivery"},
	})
	want := []Example{
		{Text: "Paket fehlt", Sentiment: resonanz.Negative, Language: resonanz.LangGerman},
		{Text: "Danke!", Kind: resonanz.KindPraise},
	}
	if len(examples) != len(want) || examples[0] != want[0] || examples[1] != want[1] || ids[0] != 7 || ids[1] != 3 {
		t.Fatalf("got %+v for messages %v, want %+v for 7 and 3", examples, ids, want)
	}
}
