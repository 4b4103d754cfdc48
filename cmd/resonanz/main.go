// Command resonanz runs the resonanz customer care hub and its tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `resonanz — one inbox for every customer voice.

Usage:
  resonanz <command> [flags]

Commands:
  serve    run the server (UI, API) on an embedded SQLite database
  user     manage users: add, list, disable, reset-password
  token    manage API tokens: add, list, revoke
  channel  connect, list, test, pause, resume and remove channel accounts
  import   import customer voices from a CSV file (notes, exports of other tools)
  bench    measure ingest, inbox and search speed on a large database
  analyze  analyze messages from standard input, one JSON line each
  train    train the analysis models from the data sets
  eval     measure the analysis on the data sets
  reanalyze  label stored messages anew after a model change
  privacy  export or erase everything held on a person; retention periods per channel
  model    list the versions of the analysis learned from corrections, or reset to the shipped models
  backup   copy the database, keys and attachments while the server runs
  restore  put a backup back into an empty data directory
  migrate-data  move the data from the SQLite file to PostgreSQL (resonanz stopped)

Run 'resonanz <command> --help' for the flags of a command.
Every flag can also be set as an environment variable RESONANZ_<FLAG>, e.g. RESONANZ_DATA=/var/lib/resonanz.
Commands that open the database (serve, user, token, channel, train, reanalyze, privacy, model, backup, restore, migrate-data) use the data directory
--data (default ./data): give them all the same one as the server.
`

// command is one subcommand: it parses its own flags and runs.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp): // the help was asked for, and printed
	case err != nil:
		fmt.Fprintln(os.Stderr, "resonanz:", err)
		stop()
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	commands := map[string]command{"serve": runServe, "user": runUser, "token": runToken, "channel": runChannel, "import": runImport, "bench": runBench,
		"analyze": runAnalyze, "train": runTrain, "eval": runEval, "reanalyze": runReanalyze, "privacy": runPrivacy, "model": runModel,
		"backup": runBackup, "restore": runRestore, "migrate-data": runMigrateData}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd(ctx, args[1:], stdout, stderr)
}

// newFlagSet returns a flag set whose help explains the command.
func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("resonanz "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nUsage of resonanz %s:\n", summary, name)
		fs.PrintDefaults()
	}
	return fs
}

// envOr returns the environment variable RESONANZ_<name> or def.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv("RESONANZ_" + name); ok {
		return v
	}
	return def
}
