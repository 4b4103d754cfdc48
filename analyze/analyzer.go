package analyze

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"sync"

	"github.com/resonanz/resonanz"
)

//go:embed model/*.gz
var modelFiles embed.FS

// Model file names inside the model folder.
const (
	sentimentFile = "sentiment.gz"
	kindFile      = "kind.gz"
)

// Analyzer understands messages. It is safe for concurrent use.
type Analyzer struct {
	sentiment *linear
	kind      *linear
	language  *linear // learned by an installation on top of the word lists; nil: none
	topics    topicSet
	urgency   urgencySet
	scratch   *sync.Pool // of *scratch; shared by copies made by WithTopics
}

// scratch holds the buffers of one Analyze call, reused to spare the
// garbage collector.
type scratch struct {
	tokens tokens
	feats  []uint32
	probs  [8]float64
	hits   []int
}

// New loads the models shipped with the package and the default topics.
func New() (*Analyzer, error) {
	sent, err := loadEmbedded(sentimentFile)
	if err != nil {
		return nil, err
	}
	kind, err := loadEmbedded(kindFile)
	if err != nil {
		return nil, err
	}
	return newAnalyzer(sent, kind)
}

func loadEmbedded(name string) (*linear, error) {
	b, err := modelFiles.ReadFile("model/" + name)
	if err != nil {
		return nil, fmt.Errorf("model %s not built: run training: %w", name, err)
	}
	m, err := readLinear(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return m, nil
}

// newAnalyzer wraps loaded models, or trained ones before their files are
// written.
func newAnalyzer(sentiment, kind *linear) (*Analyzer, error) {
	if sentiment == nil || kind == nil {
		return nil, fmt.Errorf("model is not trained")
	}
	if sentiment.dim != featureDim || kind.dim != featureDim {
		return nil, fmt.Errorf("model dimension %d/%d, want %d", sentiment.dim, kind.dim, featureDim)
	}
	return &Analyzer{
		sentiment: sentiment,
		kind:      kind,
		topics:    compileTopics(DefaultTopics()),
		urgency:   compileUrgency(),
		scratch:   &sync.Pool{New: func() any { return new(scratch) }},
	}, nil
}

// WithTopics returns an analyzer that looks for topics instead of the
// default ones; pass append(DefaultTopics(), own...) to keep them.
func (a *Analyzer) WithTopics(topics []Topic) *Analyzer {
	b := *a
	b.topics = compileTopics(topics)
	return &b
}

// Topics returns the names of the topics a looks for, in their order.
func (a *Analyzer) Topics() []string { return slices.Clone(a.topics.names) }

// Analyze returns what the analyzer understands of text.
func (a *Analyzer) Analyze(text string) resonanz.Analysis {
	s := a.scratch.Get().(*scratch)
	defer a.scratch.Put(s)
	s.tokens.normalize(text)
	var cut int
	s.feats, cut = s.tokens.featuresCut(s.feats[:0], featureDim, sentimentBytes)
	var out resonanz.Analysis
	out.Language = a.adaptLanguage(s.tokens.language(text), s.feats, s.probs[:len(languageClasses)])

	p := s.probs[:len(a.sentiment.classes)]
	a.sentiment.probs(s.feats[:cut], p)
	best := argmax(p)
	out.Sentiment, out.SentimentScore = a.sentiment.classes[best], p[best]

	p = s.probs[:len(a.kind.classes)]
	a.kind.probs(s.feats, p)
	best = argmax(p)
	out.Kind = a.kind.classes[best]
	out.KindScores = make(map[string]float64, len(p))
	for i, c := range a.kind.classes {
		out.KindScores[c] = p[i]
	}

	n := max(len(a.topics.names), len(a.urgency.signals))
	if cap(s.hits) < n {
		s.hits = make([]int, n)
	}
	out.Topics = a.topics.find(&s.tokens, s.hits[:len(a.topics.names)])
	out.Urgency = a.urgency.find(&s.tokens, s.hits[:len(a.urgency.signals)])
	return out
}

func argmax(p []float64) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}
