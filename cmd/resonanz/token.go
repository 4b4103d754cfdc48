package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/resonanz/resonanz"
)

const tokenUsage = `Manage API tokens.

  resonanz token add NAME [--scope ingest,read,write] [--expires 90d|2027-06-30]
  resonanz token list
  resonanz token revoke ID

A new token is printed once; only its hash is stored. --scope says what it
may do (ingest: deliver messages); --expires ends it after a time (h or d)
or after the given day. A revoked token is refused at once.`

func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var scopes, expires string
	fs := newFlagSet("token", tokenUsage, stderr)
	dataFlag(fs, &cfg)
	fs.StringVar(&scopes, "scope", resonanz.ScopeIngest, "what the new token may do, comma-separated: "+strings.Join(resonanz.Scopes, ", ")+" (add)")
	fs.StringVar(&expires, "expires", "", "when the new token ends: after a time such as 90d or 12h, or after a day such as 2027-06-30; empty: never (add)")
	rest, err := parseFlags(fs, subcommandArgs(args))
	if err != nil {
		return err
	}
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	if (sub != "add" && sub != "list" && sub != "revoke") || len(rest) != map[string]int{"add": 1, "list": 0, "revoke": 1}[sub] {
		fs.Usage()
		return fmt.Errorf("token: use 'resonanz token add NAME', 'token list' or 'token revoke ID'")
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "add":
		t := &resonanz.APIToken{Name: rest[0], Scopes: splitList(scopes)}
		if t.ExpiresAt, err = parseExpiry(expires, time.Now()); err != nil {
			return err
		}
		secret, err := db.IssueAPIToken(ctx, t)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "API token %q (id %d, %s): %s\n", t.Name, t.ID, strings.Join(t.Scopes, ","), secret)
	case "list":
		tokens, err := db.FindAPITokens(ctx)
		if err != nil {
			return err
		}
		now := time.Now()
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSCOPES\tISSUED\tEXPIRES\tLAST USED\tSTATE")
		for _, t := range tokens {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, strconv.Quote(t.Name), strings.Join(t.Scopes, ","),
				timeOr(t.CreatedAt, "-"), timeOr(t.ExpiresAt, "never"), timeOr(t.LastUsedAt, "never"), t.State(now))
		}
		return tw.Flush()
	case "revoke":
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil {
			return fmt.Errorf("token revoke: %q is not a token id; 'resonanz token list' shows them", rest[0])
		}
		if err := db.RevokeAPIToken(ctx, id); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "revoked API token %d\n", id)
	}
	return nil
}

// parseExpiry reads --expires: a time from now ("90d", "12h") or the last
// day the token works ("2027-06-30", in the local time zone).
func parseExpiry(v string, now time.Time) (time.Time, error) {
	switch {
	case v == "":
		return time.Time{}, nil
	case strings.HasSuffix(v, "d"):
		days, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
		if err == nil && days > 0 {
			return now.AddDate(0, 0, days), nil
		}
	default:
		if day, err := time.ParseInLocation(time.DateOnly, v, time.Local); err == nil {
			return day.AddDate(0, 0, 1), nil
		}
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			return now.Add(d), nil
		}
	}
	return time.Time{}, fmt.Errorf("--expires %q is neither a time such as 90d or 12h nor a day such as 2027-06-30", v)
}

func timeOr(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return t.Local().Format("2006-01-02 15:04")
}
