package learn

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// Live is the analysis as it runs: the shipped or a learned version of the
// models with the built-in and the company's own topics. A change of either
// swaps it whole, so a message is never analysed half with the old and half
// with the new.
type Live struct {
	topics  resonanz.TopicService
	mu      sync.Mutex // orders the changes of model and topics
	model   *analyze.Analyzer
	list    []analyze.Topic
	current atomic.Pointer[analyze.Analyzer]
}

// LiveStore is what the running analysis reads its topics and learned versions from.
type LiveStore interface {
	resonanz.TopicService
	Store
}

// Start starts the analysis with the company's topics and the version of
// the models learned from its corrections that is recorded as live, and the
// learner that keeps adapting it.
func Start(ctx context.Context, shipped *analyze.Analyzer, store LiveStore, logger *slog.Logger) (*Live, *Learner, error) {
	live, err := NewLive(ctx, shipped, store)
	if err != nil {
		return nil, nil, fmt.Errorf("load topics: %w", err)
	}
	learner := New(shipped, store, live, logger)
	if err := learner.LoadModel(ctx); err != nil {
		return nil, nil, fmt.Errorf("load the learned analysis: %w", err)
	}
	return live, learner, nil
}

// NewLive starts the analysis with model and the company's topics.
func NewLive(ctx context.Context, model *analyze.Analyzer, topics resonanz.TopicService) (*Live, error) {
	l := &Live{topics: topics, model: model, list: analyze.DefaultTopics()}
	l.current.Store(model)
	if _, err := l.Reload(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Analyze analyses text with the models and topics live now.
func (l *Live) Analyze(text string) resonanz.Analysis { return l.current.Load().Analyze(text) }

// UseModel makes model, with the current topics, the live analysis.
func (l *Live) UseModel(model *analyze.Analyzer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.model = model
	l.current.Store(model.WithTopics(l.list))
}

// Reload makes the live analysis use the built-in and the company's topics
// as stored now and returns all their names.
func (l *Live) Reload(ctx context.Context) ([]string, error) {
	own, err := l.topics.FindTopics(ctx)
	if err != nil {
		return nil, err
	}
	topics := analyze.DefaultTopics()
	for _, t := range own {
		if i := slices.IndexFunc(topics, func(b analyze.Topic) bool { return b.Name == t.Name }); i >= 0 {
			topics[i].SeedTerms = append(slices.Clip(topics[i].SeedTerms), t.SeedTerms...) // terms learned for a built-in topic
			continue
		}
		topics = append(topics, analyze.Topic{Name: t.Name, Description: t.Description, SeedTerms: t.SeedTerms})
	}
	l.mu.Lock()
	l.list = topics
	l.current.Store(l.model.WithTopics(topics))
	l.mu.Unlock()
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.Name
	}
	return names, nil
}

// Suggest learns from the agents' topic corrections: words the analysis
// could take as seed terms.
func (l *Live) Suggest(corrections func(context.Context) ([]resonanz.LabelCorrection, error)) func(context.Context) ([]resonanz.TopicSuggestion, error) {
	return func(ctx context.Context) ([]resonanz.TopicSuggestion, error) {
		list, err := corrections(ctx)
		if err != nil {
			return nil, err
		}
		return l.current.Load().SuggestSeedTerms(list, 5), nil
	}
}
