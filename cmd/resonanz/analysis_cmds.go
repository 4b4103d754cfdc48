package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/analyze/train"
	"github.com/resonanz/resonanz/watch/eval"
)

// defaultSharedData is where the training and evaluation data sets live, beside the project.
const defaultSharedData = "../shared/data"

func runAnalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("analyze", `Analyze messages without a server: read one message per line on standard input
(plain text, or JSON lines with a "text" field) and write one JSON object per line with
language, sentiment, kind, topics, urgency and their scores.`, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := analyze.New()
	if err != nil {
		return err
	}
	return analyzeLines(os.Stdin, stdout, a)
}

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var shared, out string
	var seed int64
	fs := newFlagSet("train", `Train the analysis models (sentiment, kind) from the data sets and from the labels
agents corrected in the database under --data (when there is one), and write the model files that
the next build embeds. The same data and seed give the same files.`, stderr)
	dataFlag(fs, &cfg)
	fs.StringVar(&shared, "shared-data", envOr("SHARED_DATA", defaultSharedData), "folder with the data sets (potts/) (RESONANZ_SHARED_DATA)")
	fs.StringVar(&out, "out", "analyze/model", "where to write the model files")
	fs.Int64Var(&seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	corrections, err := correctedExamples(ctx, cfg)
	if err != nil {
		return err
	}
	m, err := train.Train(train.TrainOptions{DataDir: shared, Seed: uint64(seed), Log: stdout, Corrections: corrections})
	if err != nil {
		return err
	}
	if err := m.Write(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "model files written to %s; rebuild resonanz to embed them\n", out)
	return nil
}

// correctedExamples turns the agents' corrections in the database into
// training examples, the latest correction of each label winning.
func correctedExamples(ctx context.Context, cfg Config) ([]analyze.Example, error) {
	if _, err := os.Stat(cfg.DatabasePath()); err != nil && cfg.Database == "" {
		return nil, nil // no database: train on the data sets alone
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	corrections, err := db.LabelCorrections(ctx)
	if err != nil {
		return nil, err
	}
	examples, _ := analyze.Corrected(corrections)
	return examples, nil
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var shared, learnPath, testPath string
	var seed int64
	fs := newFlagSet("eval", `Measure resonanz on real and generated data.

  resonanz eval [analysis]   the analysis on every data set found: accuracy, micro-F1, macro-F1,
                             per-class precision and recall, confusion matrix (GermEval 2017 dev,
                             PotTS test, the project's held-out splits, complaint against the
                             rest on the customer messages), then 5-fold cross-validation of the
                             sentiment training on PotTS and SB-10k train
  resonanz eval storms [DIR] the storm detector on a folder in the NAB layout (CSV files
                             timestamp,value and windows.json; default: the NAB realTweets data),
                             choosing its parameters by leaving one series out, and on a
                             generated stream with injected storms (--seed)
  resonanz eval adapt --learn FILE --test FILE
                             how the running analysis learns: replays the learn file's labels as an
                             agent's corrections on a database of its own, through the server's
                             path, and prints micro- and macro-F1 of sentiment on the test file
                             after 100, 250, 500, 1000 and all corrections (TSV files with a header:
                             a sentiment or label column and a text column)`, stderr)
	fs.Int64Var(&seed, "seed", 1, "seed of the generated stream (eval storms) and of the training order (eval analysis)")
	fs.StringVar(&learnPath, "learn", "", "eval adapt: the labelled texts to learn from")
	fs.StringVar(&testPath, "test", "", "eval adapt: the labelled texts to score")
	fs.StringVar(&shared, "shared-data", envOr("SHARED_DATA", defaultSharedData), "folder with the data sets (RESONANZ_SHARED_DATA)")
	if err := fs.Parse(subcommandArgs(args)); err != nil {
		return err
	}
	what := "analysis"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		what = args[0]
	}
	switch what {
	case "analysis":
		a, err := analyze.New()
		if err != nil {
			return err
		}
		if _, err := train.Evaluate(a, shared, stdout); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "\nThe training settings on data they did not see (trains five models):")
		_, err = train.CrossValidate(shared, uint64(seed), stdout)
		return err
	case "storms":
		dir := fs.Arg(0)
		if dir == "" {
			dir = filepath.Join(shared, "nab-realtweets")
		}
		return eval.Storms(dir, seed, stdout)
	case "adapt":
		return evalAdapt(ctx, learnPath, testPath, stdout)
	}
	fs.Usage()
	return fmt.Errorf("eval: unknown subject %q (analysis, storms or adapt)", what)
}

func runReanalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("reanalyze", "Label every stored customer message anew after a model or topic change; agents' corrections stay.", stderr)
	dataFlag(fs, &cfg)
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := analyze.New()
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	live, _, err := learn.Start(ctx, a, db, slog.New(slog.NewTextHandler(stderr, nil))) // with the company's own topics and learned version
	if err != nil {
		return err
	}
	err = db.Reanalyze(ctx, live.Analyze, func(done, total int) { fmt.Fprint(stderr, "\r"+progressBar(done, total)) })
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "all messages analyzed anew")
	return nil
}

// progressBar draws "[#####.....]  50% 500/1000".
func progressBar(done, total int) string {
	const width = 30
	filled := width
	if total > 0 {
		filled = width * done / total
	}
	pct := 100
	if total > 0 {
		pct = 100 * done / total
	}
	return fmt.Sprintf("[%s%s] %3d%% %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled), pct, done, total)
}
