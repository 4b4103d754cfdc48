package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/resonanz/resonanz/analyze"
	"github.com/resonanz/resonanz/analyze/learn"
	"github.com/resonanz/resonanz/csvimport"
	"github.com/resonanz/resonanz/ingest"
)

const importUsage = `Import customer voices from a CSV file: notes collected on paper in a
store, or an export of another tool.

  resonanz import csv FILE [--channel instore] [--text COLUMN] [--dry-run]

Columns are found by the first line's header (text/Nachricht/Feedback,
name/Kunde, email/E-Mail, time/Datum, id/Nr) or named by flag: a header
("--text Bemerkung") or a number from 1 ("--text 3", also with
--no-header). A row's key is its id column or, without one, a hash of its
content: importing a file again adds nothing. UTF-8 (with or without BOM)
and Windows-1252 are recognised; the delimiter (, ; or tab) too. Every bad
line is reported with its number and skipped. Use the same --data as the server.`

// importFlags are the settings of one import.
type importFlags struct {
	cfg       Config
	opt       csvimport.Options
	delimiter string
	encoding  string
	zone      string
	dryRun    bool
	progress  bool
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f importFlags
	fs := newFlagSet("import", importUsage, stderr)
	dataFlag(fs, &f.cfg)
	c := &f.opt.Columns
	fs.StringVar(&f.opt.Channel, "channel", "instore", "the channel the messages came on")
	fs.StringVar(&c.ID, "id", "", "column of the row's id in the other tool (header or number)")
	fs.StringVar(&c.Text, "text", "", "column of the message text")
	fs.StringVar(&c.Name, "name", "", "column of the customer's name")
	fs.StringVar(&c.Email, "email", "", "column of the customer's email address")
	fs.StringVar(&c.Handle, "handle", "", "column of another handle of the customer (a customer number)")
	fs.StringVar(&c.Time, "time", "", "column of when the customer wrote or said it")
	fs.BoolVar(&f.opt.NoHeader, "no-header", false, "the first line is data; name columns by number")
	fs.StringVar(&f.delimiter, "delimiter", "", "field delimiter: , ; or tab (default: the one the first line has most of)")
	fs.StringVar(&f.encoding, "encoding", "auto", "auto, utf-8 or windows-1252")
	fs.StringVar(&f.zone, "timezone", "Europe/Berlin", "where times without a UTC offset were written")
	fs.BoolVar(&f.dryRun, "dry-run", false, "read and check every row, store nothing")
	fs.BoolVar(&f.progress, "progress", false, "draw the progress bar on stderr even when it is not a terminal")
	rest, err := parseFlags(fs, subcommandArgs(args))
	if err != nil {
		return err
	}
	if len(args) == 0 || args[0] != "csv" || len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("import: use 'resonanz import csv FILE'")
	}
	return f.run(ctx, rest[0], stdout, stderr)
}

func (f *importFlags) run(ctx context.Context, path string, stdout, stderr io.Writer) error {
	if err := f.check(); err != nil {
		return err
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return err
	}
	if f.encoding == "auto" {
		if f.encoding, err = csvimport.DetectEncoding(file); err != nil {
			return err
		}
		if _, err := file.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	analyzer, err := analyze.New()
	if err != nil {
		return fmt.Errorf("load analysis models: %w", err)
	}
	db, err := openStore(ctx, f.cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	live, _, err := learn.Start(ctx, analyzer, db, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	in := ingest.New(db, live)
	defer in.Close()
	var progress func(csvimport.Progress)
	bar := &csvimport.Bar{W: stderr}
	if f.progress || isTerminal(stderr) {
		progress = bar.Update
	}
	began := time.Now()
	im := &csvimport.Importer{Messages: in, DryRun: f.dryRun, Workers: 2}
	rep, err := im.Import(ctx, file, info.Size(), f.encoding, f.opt, progress)
	if progress != nil {
		bar.Done()
	}
	f.report(stdout, path, rep, time.Since(began))
	if err != nil {
		return fmt.Errorf("import stopped: %w (run it again to import the rest; nothing is imported twice)", err)
	}
	if rep.Bad > 0 {
		return fmt.Errorf("%d lines were not imported (see above)", rep.Bad)
	}
	return nil
}

// check reads the flags that need reading.
func (f *importFlags) check() error {
	switch f.delimiter {
	case "":
	case ",", ";":
		f.opt.Delimiter = rune(f.delimiter[0])
	case "tab", `\t`, "\t":
		f.opt.Delimiter = '\t'
	default:
		return fmt.Errorf("--delimiter %q: use , ; or tab", f.delimiter)
	}
	if f.encoding != "auto" && f.encoding != csvimport.UTF8 && f.encoding != csvimport.Windows1252 {
		return fmt.Errorf("--encoding %q: use auto, %s or %s", f.encoding, csvimport.UTF8, csvimport.Windows1252)
	}
	loc, err := time.LoadLocation(f.zone)
	if err != nil {
		return fmt.Errorf("--timezone: %w", err)
	}
	f.opt.Location, f.opt.Now = loc, time.Now()
	return nil
}

// report says what the import did, and every bad line.
func (f *importFlags) report(w io.Writer, path string, rep *csvimport.Report, took time.Duration) {
	fmt.Fprintf(w, "%s (%s): %d rows read in %s\n", path, f.encoding, rep.Rows, took.Round(100*time.Millisecond))
	if f.dryRun {
		fmt.Fprintf(w, "dry run: nothing stored; %d rows would be imported (rows imported before are skipped)\n", rep.Rows)
	} else {
		fmt.Fprintf(w, "imported %d new messages, %d were imported before\n", rep.Added, rep.Known)
	}
	for _, e := range rep.Errors {
		fmt.Fprintln(w, e)
	}
	if more := rep.Bad - len(rep.Errors); more > 0 {
		fmt.Fprintf(w, "… and %d more bad lines\n", more)
	}
}

// isTerminal reports whether w is a terminal, where a progress bar helps
// rather than fills a log.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
