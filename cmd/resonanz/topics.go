package main

import (
	"context"
	"slices"
	"sync/atomic"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// liveAnalyzer is the analysis with the company's own topics; it is swapped
// whole when a lead changes the topics, so a message is never analysed half
// with the old and half with the new ones.
type liveAnalyzer struct {
	base    *analyze.Analyzer
	topics  resonanz.TopicService
	current atomic.Pointer[analyze.Analyzer]
}

func newLiveAnalyzer(ctx context.Context, base *analyze.Analyzer, topics resonanz.TopicService) (*liveAnalyzer, error) {
	l := &liveAnalyzer{base: base, topics: topics}
	if _, err := l.reload(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *liveAnalyzer) Analyze(text string) resonanz.Analysis { return l.current.Load().Analyze(text) }

// reload builds the analysis with the built-in and the company's topics and
// returns all their names.
func (l *liveAnalyzer) reload(ctx context.Context) ([]string, error) {
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
	l.current.Store(l.base.WithTopics(topics))
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.Name
	}
	return names, nil
}

// suggest learns from the agents' topic corrections: words the analysis
// could take as seed terms.
func (l *liveAnalyzer) suggest(corrections func(context.Context) ([]resonanz.LabelCorrection, error)) func(context.Context) ([]resonanz.TopicSuggestion, error) {
	return func(ctx context.Context) ([]resonanz.TopicSuggestion, error) {
		list, err := corrections(ctx)
		if err != nil {
			return nil, err
		}
		return l.current.Load().SuggestSeedTerms(list, 5), nil
	}
}

// builtinTopics are the topics resonanz comes with, for the settings page.
func builtinTopics() []*resonanz.Topic {
	var list []*resonanz.Topic
	for _, t := range analyze.DefaultTopics() {
		list = append(list, &resonanz.Topic{Name: t.Name, Description: t.Description, SeedTerms: t.SeedTerms, Builtin: true})
	}
	return list
}
