package watch

import (
	"math"
	"slices"
	"strings"

	"github.com/resonanz/resonanz"
)

// A storm is what many people say together, not every negative message of
// its topic. The crisis room takes a message of the storm's key and time
// when it shares the storm's content: a hashtag or a link that many of the
// burst's messages carry and few did before, at least Shared of the
// burst's rare terms, or a TF-IDF cosine of at least Similar to the
// burst's centroid. Other complaints of the topic stay in the inbox.

// RoomConfig holds what makes a message part of a storm's crisis room.
type RoomConfig struct {
	// Share is the least share of the burst's messages a feature must
	// appear in to be the storm's (and in at least roomMinDocs of them);
	// Lift how many times more frequent in the burst than before.
	Share, Lift float64
	// Shared is how many of the storm's terms a message must share.
	Shared int
	// Similar is the least cosine to the burst's centroid.
	Similar float64
}

// DefaultRoom returns the RoomConfig the monitor runs with, chosen on the
// generated streams of eval.RoomTuneSeeds (see docs/storms.md).
func DefaultRoom() RoomConfig {
	return RoomConfig{Share: 0.05, Lift: 3, Shared: 2, Similar: 0.35}
}

const (
	roomMinDocs = 3
	// roomPriorDocs is how many messages the background's prior weighs: a
	// feature never seen before counts as in one of that many.
	roomPriorDocs = 50
	// roomEvidence bounds the evidence kept for one message.
	roomEvidence = 5
)

// features returns what a message says as the room compares it: its
// content terms, its hashtags and its links.
func features(text string) []term {
	fs := contentTerms(text)
	for _, tag := range hashtags(text) {
		fs = append(fs, term{tag, tag})
	}
	for _, l := range links(text) {
		fs = append(fs, term{l, l})
	}
	return fs
}

// docFreq counts in how many messages each feature appears.
type docFreq struct {
	n  float64
	df map[string]float64
}

// before is what the key's messages usually said before the storm, as a
// whole and in each language: a storm's words are measured against what
// people of the same language usually say.
type before struct {
	all        docFreq
	byLanguage map[string]docFreq
}

func countFeatures(msgs []Observed) docFreq {
	d := docFreq{n: float64(len(msgs)), df: map[string]float64{}}
	for _, o := range msgs {
		for _, f := range features(o.Text) {
			d.df[f.stem]++
		}
	}
	return d
}

// share is a feature's background share, drawn towards 1/roomPriorDocs
// while the background holds few messages.
func (d docFreq) share(f string) float64 {
	return (d.df[f] + 1) / (d.n + roomPriorDocs)
}

func (d docFreq) idf(f string) float64 {
	return math.Log((d.n + roomPriorDocs) / (d.df[f] + 1))
}

// room is a storm's content, drawn from its burst as a whole and from the
// burst's messages in each language: a fifth of a storm writing in English
// shares few words with the rest, but many among themselves.
type room struct {
	cfg        RoomConfig
	background before
	all        *content
	byLanguage map[string]*content
	size       int // burst messages it was drawn from
}

// content is what the messages of a burst say together: their centroid
// and the features they made their own.
type content struct {
	centroid map[string]float64 // unit length
	storm    map[string]float64 // the storm's features and their weights
}

// newRoom draws a storm's content from its burst against the key's messages before it.
func newRoom(cfg RoomConfig, bg before, burst []Observed) *room {
	r := &room{cfg: cfg, background: bg, byLanguage: map[string]*content{}, size: len(burst)}
	r.all = r.content(burst, bg.all)
	languages := map[string][]Observed{}
	for _, o := range burst {
		languages[o.Analysis.Language] = append(languages[o.Analysis.Language], o)
	}
	for lang, msgs := range languages {
		if lang != "" && len(msgs) < len(burst) && len(msgs) >= 2*roomMinDocs {
			r.byLanguage[lang] = r.content(msgs, bg.byLanguage[lang])
		}
	}
	return r
}

// content draws what msgs say together, against what the same people
// said before (bg).
func (r *room) content(msgs []Observed, bg docFreq) *content {
	c := &content{centroid: map[string]float64{}, storm: map[string]float64{}}
	for f, n := range countFeatures(msgs).df {
		s := n / float64(len(msgs))
		if n >= roomMinDocs && s >= r.cfg.Share && s >= r.cfg.Lift*bg.share(f) {
			c.storm[f] = s * bg.idf(f)
		}
	}
	for _, o := range msgs {
		for f, w := range r.vector(o.Text) {
			c.centroid[f] += w
		}
	}
	normalize(c.centroid)
	return c
}

// vector is a message's TF-IDF vector of unit length, every feature once.
func (r *room) vector(text string) map[string]float64 {
	v := map[string]float64{}
	for _, f := range features(text) {
		v[f.stem] = r.background.all.idf(f.stem)
	}
	normalize(v)
	return v
}

func normalize(v map[string]float64) {
	sum := 0.0
	for _, w := range v {
		sum += w * w
	}
	if sum == 0 {
		return
	}
	norm := math.Sqrt(sum)
	for f := range v {
		v[f] /= norm
	}
}

// judge decides whether a message says what the storm says, or what the
// storm says in the message's language; the surer judgement wins.
func (r *room) judge(o Observed) resonanz.AlertMember {
	j := r.judgeBy(r.all, o)
	if c := r.byLanguage[o.Analysis.Language]; c != nil {
		if k := r.judgeBy(c, o); k.Member && !j.Member || k.Member == j.Member && k.Score > j.Score {
			return k
		}
	}
	return j
}

func (r *room) judgeBy(c *content, o Observed) resonanz.AlertMember {
	m := resonanz.AlertMember{MessageID: o.MessageID}
	for f, w := range r.vector(o.Text) {
		m.Score += w * c.centroid[f]
	}
	m.Score = math.Round(m.Score*1000) / 1000
	var shared []term
	for _, f := range features(o.Text) {
		if _, ok := c.storm[f.stem]; ok {
			shared = append(shared, f)
		}
	}
	slices.SortStableFunc(shared, func(a, b term) int { return cmpFloat(c.storm[b.stem], c.storm[a.stem]) })
	terms := 0
	for _, f := range shared {
		if !isTag(f.stem) && !isLink(f.stem) {
			terms++
		}
	}
	switch {
	case slices.ContainsFunc(shared, func(f term) bool { return isTag(f.stem) }):
		m.Reason = resonanz.RoomHashtag
	case slices.ContainsFunc(shared, func(f term) bool { return isLink(f.stem) }):
		m.Reason = resonanz.RoomLink
	case terms >= r.cfg.Shared:
		m.Reason = resonanz.RoomTerms
	case m.Score >= r.cfg.Similar:
		m.Reason = resonanz.RoomSimilar
	}
	m.Member = m.Reason != ""
	for _, f := range shared[:min(len(shared), roomEvidence)] {
		m.Evidence = append(m.Evidence, f.word)
	}
	return m
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func isTag(f string) bool  { return strings.HasPrefix(f, "#") }
func isLink(f string) bool { return strings.Contains(f, ".") } // stems never hold a dot
