package main

import (
	"context"
	"fmt"
	"io"
)

func runModel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("model", `Manage the analysis this installation learned from its agents' corrections.

  resonanz model list    the versions, newest first: when made, corrections learned from and held
                         back, the share of held-back labels each got right beside the live and
                         the shipped models' share, and whether the guard accepted it
  resonanz model reset   go back to the shipped models; the corrections made so far are no longer
                         learned from (a running server switches within seconds)`, stderr)
	dataFlag(fs, &cfg)
	if err := fs.Parse(subcommandArgs(args)); err != nil {
		return err
	}
	what := ""
	if len(args) > 0 {
		what = args[0]
	}
	if what != "list" && what != "reset" {
		fs.Usage()
		return fmt.Errorf("model: say list or reset")
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if what == "reset" {
		v, err := db.ResetModel(ctx, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "the analysis is back to the shipped models (version %d); corrections up to %d are no longer learned from\n", v.ID, v.Through)
		return nil
	}
	versions, err := db.ModelVersions(ctx, 100)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "version\tmade\tstate\tlearned\theld_back\tscore\tlive_score\tshipped_score")
	for _, v := range versions {
		state := "accepted"
		switch {
		case v.Reset:
			state = "reset"
		case !v.Accepted:
			state = "refused"
		}
		fmt.Fprintf(stdout, "%d\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\n", v.ID, v.CreatedAt.Format("2006-01-02 15:04"), state, v.Learned, v.HeldBack,
			v.Score, v.LiveScore, v.ShippedScore)
	}
	return nil
}
