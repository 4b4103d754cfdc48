package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/jobs"
	"github.com/resonanz/resonanz/store"
)

const userUsage = `Manage users.

  resonanz user add --login LOGIN [--name NAME] [--role admin|lead|agent] [--password PW]
  resonanz user list
  resonanz user disable LOGIN
  resonanz user enable LOGIN
  resonanz user reset-password LOGIN

Without --password a random password is generated and printed once.`

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var login, name, role, password string
	fs := newFlagSet("user", userUsage, stderr)
	dataFlag(fs, &cfg)
	fs.StringVar(&login, "login", "", "login of the new user (add)")
	fs.StringVar(&name, "name", "", "display name of the new user (add)")
	fs.StringVar(&role, "role", resonanz.RoleAgent, "role of the new user: admin, lead or agent (add)")
	fs.StringVar(&password, "password", "", "password of the new user (add); random when empty")
	rest, err := parseFlags(fs, subcommandArgs(args))
	if err != nil {
		return err
	}
	if len(args) == 0 {
		fs.Usage()
		return fmt.Errorf("user: a subcommand is required")
	}
	sub := args[0]
	want := 1 // the login of disable, enable and reset-password
	if sub == "add" || sub == "list" {
		want = 0
	}
	if len(rest) != want {
		return fmt.Errorf("user %s takes %d argument(s) besides its flags, not %q", sub, want, rest)
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	arg := ""
	if len(rest) == 1 {
		arg = rest[0]
	}
	switch sub {
	case "add":
		if password == "" {
			password = newPassword()
			defer fmt.Fprintf(stdout, "password: %s\n", password)
		}
		u := &resonanz.User{Login: login, Name: name, Role: role}
		if err := db.CreateUser(ctx, u, password); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "created user %s (%s)\n", u.Login, u.Role)
	case "list":
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tNAME\tROLE\tSTATE")
		for _, u := range users {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Login, u.Name, u.Role, state)
		}
		return tw.Flush()
	case "disable", "enable":
		if err := db.SetUserDisabled(ctx, arg, sub == "disable"); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "%sd user %s\n", sub, arg)
	case "reset-password":
		password := newPassword()
		if err := db.SetPassword(ctx, arg, password); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "new password for %s: %s\n", arg, password)
	default:
		fs.Usage()
		return fmt.Errorf("user: unknown subcommand %q", sub)
	}
	return nil
}

// parseFlags parses flags wherever they stand, before or after the other
// arguments ("token add shop --scope read"), and returns the other
// arguments; everything after "--" is an argument.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if len(left) < len(args) && args[len(args)-len(left)-1] == "--" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// subcommandArgs returns the flags and arguments after a subcommand such as
// "add"; without a subcommand (as in "user --help") all of them.
func subcommandArgs(args []string) []string {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[1:]
	}
	return args
}

// openStore opens the database: PostgreSQL when --database names it, else
// the SQLite file in the data directory, creating both if needed. Its job
// queue only takes jobs; the server runs them (openStoreJobs).
func openStore(ctx context.Context, cfg Config) (*store.DB, error) {
	db, _, err := openStoreJobs(ctx, cfg)
	return db, err
}

// openStoreJobs opens the database and its job queue.
func openStoreJobs(ctx context.Context, cfg Config) (*store.DB, *jobs.Queue, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, nil, fmt.Errorf("create data directory: %w", err)
	}
	var db *store.DB
	var err error
	if cfg.Database != "" {
		if !store.IsPostgres(cfg.Database) {
			return nil, nil, fmt.Errorf("--database %q: want a PostgreSQL address postgres://user@host:port/name", redactURL(cfg.Database))
		}
		db, err = store.OpenPostgres(ctx, cfg.Database, cfg.DataDir)
	} else {
		db, err = store.Open(ctx, cfg.DatabasePath())
	}
	if err != nil {
		return nil, nil, err
	}
	q, err := jobs.For(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, q, nil
}

// userError shows application errors as their message only.
func userError(err error) error {
	if resonanz.ErrorCode(err) != resonanz.EINTERNAL {
		return fmt.Errorf("%s", resonanz.ErrorMessage(err))
	}
	return err
}

// newPassword returns a random password that is easy to copy.
func newPassword() string {
	b := make([]byte, 15)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
