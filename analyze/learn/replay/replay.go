// Package replay measures how the running analysis learns: it replays a
// file's labels as agents' corrections through the server's own path
// (messages ingested, labels corrected in the store, the learning job's code,
// the live analysis) and scores a test file along the way.
package replay

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/train"
)

// Desk is the server's path for messages and corrections.
type Desk interface {
	Ingest(ctx context.Context, msgs []resonanz.IncomingMessage) ([]resonanz.IngestResult, error)
	CorrectLabel(ctx context.Context, messageID int64, by *resonanz.User, field, value string) (int64, error)
}

// Run is one replay.
type Run struct {
	Desk     Desk
	Learner  resonanz.ModelLearner // the code the learning job runs
	Models   resonanz.ModelService // tells whether the guard took a version
	Analyzer resonanz.Analyzer     // the live analysis
	Agent    *resonanz.User        // who corrects
}

// Checkpoints are the numbers of corrections after which the test file is
// scored; the whole learn file comes last.
var Checkpoints = []int{100, 250, 500, 1000}

// Point is the test file's score after some corrections.
type Point struct {
	Corrections   int
	Learned, Held int // labels the newest version learned from and was scored on
	Accepted      bool
	// Score and LiveScore are the guard's figures: the shares of the
	// held-back labels the newest version and the model live before it got right.
	Score, LiveScore float64
	MicroF1, MacroF1 float64
}

// Curve ingests the learn rows, corrects their sentiment one by one, runs the
// learner at each checkpoint and scores the test rows with the live analysis;
// the first point is the shipped models before any correction.
func (r Run) Curve(ctx context.Context, learn, test []Row, w io.Writer) ([]Point, error) {
	ids, err := r.ingest(ctx, learn)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(w, "corrections\tlearned\theld_back\tguard\tscore\tlive_score\tmicro_f1\tmacro_f1")
	points := []Point{r.score(test, Point{Accepted: true})}
	points[0].print(w)
	done := 0
	for _, n := range append(Checkpoints, len(learn)) {
		if n > len(learn) || n <= done {
			continue
		}
		for ; done < n; done++ {
			if _, err := r.Desk.CorrectLabel(ctx, ids[done], r.Agent, "sentiment", learn[done].Sentiment); err != nil {
				return nil, fmt.Errorf("correct row %d: %w", done+1, err)
			}
		}
		if _, err := r.Learner.LearnModel(ctx); err != nil {
			return nil, err
		}
		versions, err := r.Models.ModelVersions(ctx, 1)
		if err != nil || len(versions) == 0 {
			return nil, fmt.Errorf("no version learned after %d corrections: %v", n, err)
		}
		v := versions[0]
		p := r.score(test, Point{Corrections: n, Learned: v.Learned, Held: v.HeldBack, Accepted: v.Accepted,
			Score: v.Score, LiveScore: v.LiveScore})
		p.print(w)
		points = append(points, p)
	}
	return points, nil
}

// ingest stores the learn rows as messages of customers of their own, in
// batches as a channel would deliver them, and returns their ids.
func (r Run) ingest(ctx context.Context, rows []Row) ([]int64, error) {
	const batch = 200
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	var ids []int64
	for lo := 0; lo < len(rows); lo += batch {
		var msgs []resonanz.IncomingMessage
		for i := lo; i < min(lo+batch, len(rows)); i++ {
			msgs = append(msgs, resonanz.IncomingMessage{Channel: "api", ExternalID: fmt.Sprintf("replay-%d", i),
				Author: resonanz.Author{Handle: fmt.Sprintf("customer-%d", i)}, Text: rows[i].Text,
				Time: start.Add(time.Duration(i) * time.Minute), Visibility: resonanz.Private})
		}
		res, err := r.Desk.Ingest(ctx, msgs)
		if err != nil {
			return nil, err
		}
		for _, x := range res {
			ids = append(ids, x.MessageID)
		}
	}
	return ids, nil
}

func (r Run) score(test []Row, p Point) Point {
	gold := make([]string, len(test))
	got := make([]string, len(test))
	for i, row := range test {
		gold[i], got[i] = row.Sentiment, r.Analyzer.Analyze(row.Text).Sentiment
	}
	p.MicroF1, p.MacroF1 = train.F1(analyze.SentimentClasses, gold, got)
	return p
}

func (p Point) print(w io.Writer) {
	guard := "accepted"
	if !p.Accepted {
		guard = "refused"
	}
	if p.Corrections == 0 {
		guard = "shipped"
	}
	fmt.Fprintf(w, "%d\t%d\t%d\t%s\t%.3f\t%.3f\t%.3f\t%.3f\n", p.Corrections, p.Learned, p.Held, guard, p.Score, p.LiveScore, p.MicroF1, p.MacroF1)
}
