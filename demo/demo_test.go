package demo

import (
	"html"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

var end = time.Date(2026, 3, 15, 18, 30, 0, 0, time.UTC)

var generated = Generate(7, end)

func TestGenerateIsDeterministic(t *testing.T) {
	if !reflect.DeepEqual(Generate(7, end), generated) {
		t.Fatal("same seed and end gave different messages")
	}
	if reflect.DeepEqual(Generate(8, end), generated) {
		t.Fatal("different seeds gave the same messages")
	}
}

func TestGenerateCount(t *testing.T) {
	if n := len(generated); n < 1800 || n > 2300 {
		t.Fatalf("got %d messages, want 1800–2300", n)
	}
}

func TestGenerateMessagesAreValid(t *testing.T) {
	seen := map[[2]string]resonanz.IncomingMessage{}
	for i, m := range generated {
		if err := m.Validate(); err != nil {
			t.Fatalf("message %d (%s %s): %v", i, m.Channel, m.ExternalID, err)
		}
		key := [2]string{m.Channel, m.ExternalID}
		if _, dup := seen[key]; dup {
			t.Fatalf("duplicate external id %s on %s", m.ExternalID, m.Channel)
		}
		if m.ReplyTo != "" {
			parent, ok := seen[[2]string{m.Channel, m.ReplyTo}]
			if !ok {
				t.Errorf("%s replies to %s, which is not an earlier message on %s", m.ExternalID, m.ReplyTo, m.Channel)
			} else if parent.Author.Handle != m.Author.Handle {
				t.Errorf("%s by %s replies to %s by %s", m.ExternalID, m.Author.Handle, m.ReplyTo, parent.Author.Handle)
			}
		}
		seen[key] = m
		if m.Time.Before(end.Add(-30*24*time.Hour)) || m.Time.After(end) {
			t.Errorf("%s at %v is outside the 30 days before %v", m.ExternalID, m.Time, end)
		}
		if i > 0 && m.Time.Before(generated[i-1].Time) {
			t.Errorf("%s at %v comes after a later message", m.ExternalID, m.Time)
		}
		if strings.ContainsAny(m.Text, "{}") {
			t.Errorf("%s has an unfilled placeholder: %q", m.ExternalID, m.Text)
		}
	}
}

func TestGenerateUsesEveryChannelAsItWorks(t *testing.T) {
	count := map[string]map[string]int{}
	for _, m := range generated {
		if count[m.Channel] == nil {
			count[m.Channel] = map[string]int{}
		}
		count[m.Channel][m.Visibility]++
	}
	// Facebook and Instagram come in only through a connected Meta account,
	// which the demo does not pretend to have.
	for _, name := range channelNames {
		if _, ok := resonanz.LookupChannel(name); !ok {
			t.Errorf("the demo writes on %s, which resonanz does not know", name)
		}
		if len(count[name]) == 0 {
			t.Errorf("no messages on %s", name)
		}
	}
	mastodon := count["mastodon"]
	if mastodon[resonanz.Private] == 0 || mastodon[resonanz.Public] < 3*mastodon[resonanz.Private] {
		t.Errorf("mastodon should be mostly public with some direct messages, got %v", mastodon)
	}
	for _, name := range []string{"review", "forum"} {
		if count[name][resonanz.Private] != 0 {
			t.Errorf("%s has private messages: %v", name, count[name])
		}
	}
	for _, name := range []string{"email", "form", "instore"} {
		if count[name][resonanz.Public] != 0 {
			t.Errorf("%s has public messages: %v", name, count[name])
		}
	}
}

func TestGenerateSpeaksGermanAndEnglish(t *testing.T) {
	var german, english int
	for _, m := range generated {
		switch language(m.Text) {
		case "de":
			german++
		case "en":
			english++
		}
	}
	share := float64(german) / float64(german+english)
	if german+english < len(generated)*9/10 || share < 0.55 || share > 0.75 {
		t.Errorf("%d German and %d English of %d messages, want about 65%% German", german, english, len(generated))
	}
}

var (
	germanWords  = wordSet("ich und nicht der die das ist mit bitte mein meine meinen wurde sich auf ein eine zu von für seit nach wäre hat")
	englishWords = wordSet("i the and my is it to was for of please you your with a on been has would i'd i've")
	wordPattern  = regexp.MustCompile(`[\p{L}']+`)
)

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

// language guesses the language of a text from its most common small words.
func language(text string) string {
	var de, en int
	for _, w := range wordPattern.FindAllString(strings.ToLower(text), -1) {
		if germanWords[w] {
			de++
		}
		if englishWords[w] {
			en++
		}
	}
	switch {
	case de > en:
		return "de"
	case en > de:
		return "en"
	}
	return ""
}

func TestGenerateHasPeopleOnSeveralChannels(t *testing.T) {
	channels := map[string]map[string]bool{}
	authors := map[[2]string]bool{}
	for _, m := range generated {
		authors[[2]string{m.Channel, m.Author.Handle}] = true
		if ref := m.Author.CustomerRef; ref != "" {
			if channels[ref] == nil {
				channels[ref] = map[string]bool{}
			}
			channels[ref][m.Channel] = true
		}
	}
	cross := 0
	for _, chans := range channels {
		if len(chans) >= 2 {
			cross++
		}
	}
	if cross < 30 || cross > 100 {
		t.Errorf("%d customers write on several channels, want about 60", cross)
	}
	if n := len(authors); n < 550 || n > 900 {
		t.Errorf("%d distinct authors, want about 600 people", n)
	}
}

func TestGenerateHasStorm(t *testing.T) {
	var times []time.Time
	authors := map[string]bool{}
	for _, m := range generated {
		if strings.Contains(m.Text, StormHashtag) {
			times = append(times, m.Time)
			authors[m.Author.Handle] = true
		}
	}
	best := 0
	for i, start := range times {
		n, _ := slices.BinarySearchFunc(times[i:], start.Add(6*time.Hour), func(a, b time.Time) int { return a.Compare(b) })
		best = max(best, n)
	}
	if best < 100 {
		t.Errorf("at most %d messages with %s within six hours, want a storm of at least 100", best, StormHashtag)
	}
	if len(authors) < 100 {
		t.Errorf("the storm comes from %d authors, want at least 100", len(authors))
	}
	if len(times) > 0 {
		if ago := end.Sub(times[0]); ago < 4*24*time.Hour || ago > 6*24*time.Hour {
			t.Errorf("storm starts %v before the end, want about five days", ago)
		}
	}
}

func TestGenerateHasInflectedWordsAndMarkup(t *testing.T) {
	singular := regexp.MustCompile(`\bRechnung\b`)
	var rechnung, rechnungen, escaped, umlaut, eszett int
	for _, m := range generated {
		if singular.MatchString(m.Text) {
			rechnung++
		}
		if strings.Contains(m.Text, "Rechnungen") {
			rechnungen++
		}
		if html.EscapeString(m.Text) != m.Text {
			escaped++
		}
		if strings.ContainsAny(m.Text, "äöüÄÖÜ") {
			umlaut++
		}
		if strings.Contains(m.Text, "ß") {
			eszett++
		}
	}
	if rechnung < 10 || rechnungen < 10 {
		t.Errorf("%d messages with „Rechnung“ and %d with „Rechnungen“, want several of each", rechnung, rechnungen)
	}
	if escaped < 50 || umlaut < 200 || eszett < 20 {
		t.Errorf("%d messages need HTML escaping, %d have umlauts, %d have ß; want plenty of each", escaped, umlaut, eszett)
	}
}

func TestTextsMessage(t *testing.T) {
	const n = 50000
	texts, again := NewTexts(3, end), NewTexts(3, end)
	ids := map[string]bool{}
	for i := range n {
		m := texts.Message(i)
		if i%997 == 0 && !reflect.DeepEqual(m, again.Message(i)) {
			t.Fatalf("message %d differs between two streams with the same seed", i)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if ids[m.ExternalID] {
			t.Fatalf("message %d repeats external id %s", i, m.ExternalID)
		}
		ids[m.ExternalID] = true
		if m.ReplyTo != "" && !ids[m.ReplyTo] {
			t.Errorf("message %d replies to %s, which is not an earlier message", i, m.ReplyTo)
		}
		if m.Time.Before(end.Add(-30*24*time.Hour)) || m.Time.After(end) {
			t.Errorf("message %d at %v is outside the 30 days before %v", i, m.Time, end)
		}
		if strings.ContainsAny(m.Text, "{}") {
			t.Errorf("message %d has an unfilled placeholder: %q", i, m.Text)
		}
	}
}

var sink resonanz.IncomingMessage

func BenchmarkTextsMessage(b *testing.B) {
	texts := NewTexts(1, end)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sink = texts.Message(i)
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "msgs/s")
}
