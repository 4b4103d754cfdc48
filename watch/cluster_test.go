package watch

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// distinctWords returns n topicless negative messages a second apart, each
// by its own author and made of five words no other message uses.
func distinctWords(n int) []Observed {
	at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	msgs := make([]Observed, n)
	for i := range msgs {
		msgs[i] = Observed{Author: fmt.Sprint("@p", i), Time: at.Add(time.Duration(i) * time.Second),
			Text:     fmt.Sprintf("wort%[1]dx frage%[1]dx ärger%[1]dx kasse%[1]dx filiale%[1]dx", i),
			Analysis: resonanz.Analysis{Sentiment: resonanz.Negative}}
	}
	return msgs
}

// Texts full of words never seen before (spam, or an attack) must not grow
// the cluster tables beyond their bounds.
func TestClusterTablesStayBounded(t *testing.T) {
	m, err := NewMonitor(DefaultConfig(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Replay(distinctWords(40000)) // 200,000 terms, 240,000 pairs
	tc := m.clusters.terms
	for _, tab := range []struct {
		name      string
		size, max int
	}{
		{"background terms", len(tc.terms.counts), maxBackgroundTerms},
		{"recent terms", len(tc.recent.counts), maxRecentTerms},
		{"background pairs", len(tc.pairs.counts), tc.pairs.limit},
		{"pairs within the hour", len(tc.authors), maxPairs},
		{"recent messages", len(m.clusters.msgs), maxClusterMsgs},
	} {
		if tab.size > tab.max || tab.size == 0 {
			t.Errorf("%s: %d entries, want between 1 and %d", tab.name, tab.size, tab.max)
		}
	}
}

// A term frequent in the background stays in the table when it is full of
// words seen once, and keeps its count.
func TestDecayedKeepsFrequentKeys(t *testing.T) {
	d := newDecayed(7*24*time.Hour, 100)
	at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		at = at.Add(time.Minute)
		d.add("paket", at)
		d.add(fmt.Sprint("einmal", i), at)
		d.addTotal(at)
	}
	if len(d.counts) > 100 {
		t.Errorf("%d keys, want at most 100", len(d.counts))
	}
	// 1000 minutes are a tenth of the decay time: about 95 % remain.
	if c, total := d.count("paket", at), d.sum(at); c < 900 || c > 1000 || math.Abs(c-total) > 1e-9*total {
		t.Errorf("paket counted %.0f times of %.0f, want about 950 and all", c, total)
	}
}

// BenchmarkTermClusters is the cost of one topicless negative message in the
// cluster tables, with every table full.
func BenchmarkTermClusters(b *testing.B) {
	tc := newTermClusters()
	msgs := distinctWords(50000)
	terms := make([][]term, len(msgs))
	for i, o := range msgs {
		terms[i] = contentTerms(o.Text)
		if i < 20000 {
			tc.observe(o.Author, o.Time, terms[i])
		}
	}
	b.ResetTimer()
	for i := range b.N {
		j := 20000 + i%30000
		tc.observe(msgs[j].Author, msgs[j].Time.Add(time.Duration(i/30000)*9*time.Hour), terms[j])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}
