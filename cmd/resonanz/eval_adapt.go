package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/analyze/learn/replay"
	"github.com/resonanz/resonanz/ingest"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store"
)

// evalAdapt replays the learn file's labels as an agent's corrections on a
// database of its own, through the server's path, and prints the test
// file's scores along the way.
func evalAdapt(ctx context.Context, learnPath, testPath string, stdout io.Writer) error {
	if learnPath == "" || testPath == "" {
		return fmt.Errorf("eval adapt: give --learn FILE and --test FILE (TSV with a header, a sentiment or label column and a text column)")
	}
	learnRows, err := replay.ReadFile(learnPath)
	if err != nil {
		return err
	}
	testRows, err := replay.ReadFile(testPath)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "resonanz-adapt-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, filepath.Join(dir, "resonanz.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	// Corrections queue the learner; this run learns by itself.
	if _, err := jobs.For(ctx, db); err != nil {
		return err
	}
	agent := &resonanz.User{Login: "agent", Name: "Agent", Role: resonanz.RoleAgent}
	if err := db.CreateUser(ctx, agent, newPassword()); err != nil {
		return err
	}
	shipped, err := analyze.New()
	if err != nil {
		return err
	}
	live, learner, err := learn.Start(ctx, shipped, db, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	in := ingest.New(db, live)
	defer in.Close()
	fmt.Fprintf(stdout, "learning from %d labels of %s, scoring sentiment on %d texts of %s\n", len(learnRows), learnPath, len(testRows), testPath)
	run := replay.Run{Desk: deskOf{in, db}, Learner: learner, Models: db, Analyzer: live, Agent: agent}
	_, err = run.Curve(ctx, learnRows, testRows, stdout)
	return err
}

// deskOf joins the ingester and the store as the server's path for messages and corrections.
type deskOf struct {
	*ingest.Ingester
	*store.DB
}

// Ingest goes through the ingester, which analyses, as the server does.
func (d deskOf) Ingest(ctx context.Context, msgs []resonanz.IncomingMessage) ([]resonanz.IngestResult, error) {
	return d.Ingester.Ingest(ctx, msgs)
}
