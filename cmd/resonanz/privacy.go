package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/web"
)

const privacyUsage = `Answer a person's privacy rights.

  resonanz privacy export CONTACT-ID|HANDLE [--format json|html] [--lang de|en]
  resonanz privacy erase CONTACT-ID|HANDLE --confirm
  resonanz privacy retention [CHANNEL MONTHS]

export writes everything held on the person to standard output; erase
removes their messages and personal data everywhere (counts for reports
stay) and keeps a re-imported copy out. Both are logged without content.
retention lists the retention periods, or keeps a channel's conversations
MONTHS months after their last message (0: for ever); the server deletes
older ones every hour.`

func runPrivacy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var format, lang string
	var confirm bool
	fs := newFlagSet("privacy", privacyUsage, stderr)
	dataFlag(fs, &cfg)
	fs.StringVar(&format, "format", "json", "json or html (export)")
	fs.StringVar(&lang, "lang", "en", "language of the html page: de or en (export)")
	fs.BoolVar(&confirm, "confirm", false, "confirm that the person's data is to be erased (erase)")
	rest, err := parseFlags(fs, subcommandArgs(args))
	if err != nil {
		return err
	}
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch {
	case (sub == "export" || sub == "erase") && len(rest) == 1, sub == "retention" && (len(rest) == 0 || len(rest) == 2):
	default:
		fs.Usage()
		return fmt.Errorf("privacy: use 'resonanz privacy export PERSON', 'privacy erase PERSON --confirm' or 'privacy retention'")
	}
	if sub == "export" && format != "json" && format != "html" {
		return fmt.Errorf("privacy export: --format is json or html, not %q", format)
	}
	if sub == "erase" && !confirm {
		return fmt.Errorf("privacy erase: add --confirm; the erasure cannot be undone")
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "retention" {
		return runRetention(ctx, db, rest, stdout)
	}
	id, err := findPerson(ctx, db, rest[0])
	if err != nil {
		return err
	}
	if sub == "export" {
		rec, err := db.ExportPerson(ctx, id, nil)
		if err != nil {
			return userError(err)
		}
		if format == "html" {
			return web.WritePersonHTML(stdout, rec, lang)
		}
		return web.WritePersonJSON(stdout, rec)
	}
	erasure, err := db.ErasePerson(ctx, id, nil)
	if err != nil {
		return userError(err)
	}
	if err := cfg.attachments().Remove(erasure.Files); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Erased contact %d. Rows emptied or removed:\n", id)
	tables := make([]string, 0, len(erasure.Rows))
	for t := range erasure.Rows {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, t := range tables {
		fmt.Fprintf(tw, "  %s\t%d\n", t, erasure.Rows[t])
	}
	return tw.Flush()
}

// findPerson reads a contact id, or finds the one person with a handle.
func findPerson(ctx context.Context, db *store.DB, arg string) (int64, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return id, nil
	}
	ids, err := db.ContactsWithHandle(ctx, arg)
	if err != nil {
		return 0, err
	}
	switch len(ids) {
	case 0:
		return 0, fmt.Errorf("privacy: nobody uses the handle %q", arg)
	case 1:
		return ids[0], nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	return 0, fmt.Errorf("privacy: the handle %q belongs to the contacts %s; give one of their ids", arg, strings.Join(list, ", "))
}

// runRetention lists or sets the retention periods.
func runRetention(ctx context.Context, db *store.DB, rest []string, stdout io.Writer) error {
	if len(rest) == 2 {
		months, err := strconv.Atoi(rest[1])
		if err != nil {
			return fmt.Errorf("privacy retention: %q is not a number of months", rest[1])
		}
		if err := db.SetRetention(ctx, resonanz.RetentionPolicy{Channel: rest[0], Months: months}); err != nil {
			return userError(err)
		}
	}
	policies, err := db.RetentionPolicies(ctx)
	if err != nil {
		return err
	}
	if len(policies) == 0 {
		fmt.Fprintln(stdout, "Every conversation is kept.")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANNEL\tMONTHS")
	for _, p := range policies {
		fmt.Fprintf(tw, "%s\t%d\n", p.Channel, p.Months)
	}
	return tw.Flush()
}
