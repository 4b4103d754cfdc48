package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/store"
)

// liveAnalysis starts the analysis with the company's topics and the version
// of the models learned from its corrections that is recorded as live.
func liveAnalysis(ctx context.Context, shipped *analyze.Analyzer, db *store.DB, logger *slog.Logger) (*learn.Live, *learn.Learner, error) {
	live, err := learn.NewLive(ctx, shipped, db)
	if err != nil {
		return nil, nil, fmt.Errorf("load topics: %w", err)
	}
	learner := learn.New(shipped, db, live, logger)
	if err := learner.LoadModel(ctx); err != nil {
		return nil, nil, fmt.Errorf("load the learned analysis: %w", err)
	}
	return live, learner, nil
}

// builtinTopics are the topics resonanz comes with, for the settings page.
func builtinTopics() []*resonanz.Topic {
	var list []*resonanz.Topic
	for _, t := range analyze.DefaultTopics() {
		list = append(list, &resonanz.Topic{Name: t.Name, Description: t.Description, SeedTerms: t.SeedTerms, Builtin: true})
	}
	return list
}
