package watch

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/resonanz/resonanz"
)

// maxClusterMsgs bounds the recent topicless messages a forming term
// cluster gathers its burst from (an hour's worth unless the stream is
// busier than that).
const maxClusterMsgs = 4096

// clusterMsg is a recent negative, topicless message with its terms.
type clusterMsg struct {
	o     Observed
	terms []term
}

// clusterState is what the monitor keeps about new clusters.
type clusterState struct {
	terms *termClusters
	msgs  []clusterMsg // the latest, oldest first, at most maxClusterMsgs
	// byPair[pair] is the key of the alert collecting a term cluster: its
	// own, or a hashtag's that formed from the same messages; byTag the
	// same for a hashtag merged into a term cluster.
	byPair map[string]string
	byTag  map[string]string
}

func newClusterState() clusterState {
	return clusterState{terms: newTermClusters(), byPair: map[string]string{}, byTag: map[string]string{}}
}

// topicless reports whether o can belong to a new cluster.
func topicless(o *Observed) bool {
	return o.Analysis.Sentiment == resonanz.Negative && len(o.Analysis.Topics) == 0
}

// learnClusters counts a topicless message in the term tables and returns
// its terms and the term clusters it completes.
func (m *Monitor) learnClusters(o *Observed) ([]term, []cluster) {
	terms := contentTerms(o.Text)
	found := m.clusters.terms.observe(o.Author, o.Time, terms)
	cs := &m.clusters
	if len(cs.msgs) == maxClusterMsgs {
		cs.msgs = slices.Delete(cs.msgs, 0, maxClusterMsgs/4)
	}
	cs.msgs = append(cs.msgs, clusterMsg{*o, terms})
	return terms, found
}

// observeClusters counts a topicless negative message under its hashtags
// and terms, forms the alert of a hashtag or a pair of terms many people
// share, and feeds the alerts the message belongs to.
func (m *Monitor) observeClusters(ctx context.Context, o *Observed) error {
	if !topicless(o) {
		return nil
	}
	terms, found := m.learnClusters(o)
	// Hashtags first: when a hashtag and a pair of terms form from the same
	// messages, the hashtag names the alert.
	var targets []string
	for _, tag := range hashtags(o.Text) {
		if key := m.hashtagCluster(tag, o); key != "" && !slices.Contains(targets, key) {
			targets = append(targets, key)
		}
	}
	for _, cl := range found {
		if m.collectingFor(m.clusters.byPair[cl.pair], o.Time) == nil {
			m.formTermCluster(cl, o.Time)
		}
	}
	for pair, key := range m.clusters.byPair {
		switch {
		case m.collectingFor(key, o.Time) == nil:
			delete(m.clusters.byPair, pair)
		case hasPair(terms, pair) && !slices.Contains(targets, key):
			targets = append(targets, key)
		}
	}
	for _, key := range targets {
		c := m.collectingFor(key, o.Time)
		if c == nil {
			continue
		}
		if list := m.recent[key]; len(list) == 0 || list[len(list)-1].MessageID != o.MessageID {
			m.remember(key, *o)
		}
		if err := m.update(ctx, key, c); err != nil {
			return fmt.Errorf("watch: %s: %w", key, err)
		}
	}
	return nil
}

// collectingFor returns the alert collecting under key at t, if any.
func (m *Monitor) collectingFor(key string, at time.Time) *collecting {
	c := m.open[key]
	if c == nil || at.Sub(c.alarmAt) >= collectFor {
		return nil
	}
	return c
}

// hashtagCluster remembers a message under its hashtag and returns the key
// of the alert it feeds, forming the hashtag's alert once clusterAuthors
// people used it within clusterWindow (a new hashtag has no baseline, so
// volume alone decides), or "" while it feeds none.
func (m *Monitor) hashtagCluster(tag string, o *Observed) string {
	m.remember(tag, *o)
	if key := m.clusters.byTag[tag]; m.collectingFor(key, o.Time) != nil {
		return key
	}
	delete(m.clusters.byTag, tag)
	if m.collectingFor(tag, o.Time) != nil {
		return tag
	}
	recent := m.lastHour(m.recent[tag], o.Time)
	if authors(recent) < clusterAuthors {
		return ""
	}
	// The same messages may have formed a term cluster first.
	for _, key := range m.clusters.byPair {
		if strings.HasPrefix(key, "~") && m.collectingFor(key, o.Time) != nil && sameMessages(recent, m.recent[key]) {
			m.clusters.byTag[tag] = key
			return key
		}
	}
	n := float64(len(recent))
	m.open[tag] = &collecting{first: recent[0].Time, alarmAt: o.Time,
		alarm: Alarm{Key: tag, Start: recent[0].Time, Window: clusterWindow, Count: len(recent), Ratio: n, Growth: n}}
	return tag
}

// formTermCluster opens the alert of a pair of terms, or lets the alert of a
// hashtag that formed from the same messages collect them.
func (m *Monitor) formTermCluster(cl cluster, at time.Time) {
	var burst []Observed
	var terms [][]term
	for _, cm := range m.clusters.msgs {
		if at.Sub(cm.o.Time) < clusterWindow && hasPair(cm.terms, cl.pair) {
			burst, terms = append(burst, cm.o), append(terms, cm.terms)
		}
	}
	if len(burst) == 0 {
		return
	}
	key := m.sameCluster(burst, at)
	if key == "" {
		key = "~" + readable(terms, cl.a, cl.b)
	}
	m.clusters.byPair[cl.pair] = key
	if m.collectingFor(key, at) == nil {
		n := float64(len(burst))
		m.open[key] = &collecting{first: burst[0].Time, alarmAt: at, alarm: Alarm{Key: key, Start: burst[0].Time,
			Window: clusterWindow, Count: len(burst), Expected: cl.expected, Ratio: n / max(cl.expected, 1), Growth: n}}
	}
	for _, o := range burst {
		if !slices.ContainsFunc(m.recent[key], func(r Observed) bool { return r.MessageID == o.MessageID }) {
			m.remember(key, o)
		}
	}
	slices.SortStableFunc(m.recent[key], func(a, b Observed) int { return a.Time.Compare(b.Time) })
}

// sameCluster returns the key of the cluster alert, resolved or not, that
// already holds most of burst, a hashtag's before a pair's, or "". The words
// of one storm form several pairs ("kassensystem ausgefallen", "kassensystem
// stehen"); they are one alert.
func (m *Monitor) sameCluster(burst []Observed, at time.Time) string {
	found := ""
	for k, c := range m.open {
		if (strings.HasPrefix(k, "#") || found == "" && strings.HasPrefix(k, "~")) &&
			at.Sub(c.alarmAt) < collectFor && sameMessages(burst, m.recent[k]) {
			found = k
		}
	}
	return found
}

// readable names a pair of stems by the words its messages use most for
// them, in the order the first of them wrote them: "kassensystem+ausgefallen".
func readable(msgs [][]term, a, b string) string {
	words := map[string]int{}
	best := map[string]string{}
	for _, terms := range msgs {
		for _, t := range terms {
			if t.stem != a && t.stem != b {
				continue
			}
			words[t.word]++
			if w, ok := best[t.stem]; !ok || words[t.word] > words[w] || words[t.word] == words[w] && t.word < w {
				best[t.stem] = t.word
			}
		}
	}
	first := msgs[0]
	if slices.IndexFunc(first, func(t term) bool { return t.stem == b }) < slices.IndexFunc(first, func(t term) bool { return t.stem == a }) {
		a, b = b, a
	}
	return best[a] + "+" + best[b]
}

// lastHour returns the messages of list within clusterWindow before at.
func (m *Monitor) lastHour(list []Observed, at time.Time) []Observed {
	i := 0
	for i < len(list) && at.Sub(list[i].Time) >= clusterWindow {
		i++
	}
	return list[i:]
}

func authors(msgs []Observed) int {
	seen := map[string]bool{}
	for _, o := range msgs {
		seen[o.Author] = true
	}
	return len(seen)
}

// sameMessages reports whether at least half of a are in b: two clusters
// of the same storm.
func sameMessages(a, b []Observed) bool {
	ids := make(map[int64]bool, len(b))
	for _, o := range b {
		ids[o.MessageID] = true
	}
	n := 0
	for _, o := range a {
		if ids[o.MessageID] {
			n++
		}
	}
	return len(a) > 0 && 2*n >= len(a)
}

// clusterName returns the words of a term cluster's key ("~kassensystem+ausgefallen")
// as a reader would say them, or "" for any other key.
func clusterName(key string) string {
	words, ok := strings.CutPrefix(key, "~")
	if !ok {
		return ""
	}
	return strings.ReplaceAll(words, "+", " ")
}

// clusterPair returns the pair of stems a term cluster's key names.
func clusterPair(key string) string {
	a, b, _ := strings.Cut(strings.TrimPrefix(key, "~"), "+")
	return pairKey(stemOf(a), stemOf(b))
}

// hashtags returns the distinct hashtags of a text, lowercased, with their "#";
// overlong ones (customer text is untrusted) are left out.
func hashtags(text string) []string {
	var tags []string
	for _, w := range strings.Fields(text) {
		if !strings.HasPrefix(w, "#") {
			continue
		}
		tag := "#" + strings.ToLower(strings.TrimFunc(w[1:], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if len(tag) > 2 && len(tag) <= 50 && !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	return tags
}
