package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/channel"
)

const channelUsage = `Manage the company's channel accounts (the same as Settings → Channels).

  resonanz channel add --kind mastodon --name NAME --set server=https://social.example --set token=@token.txt
  resonanz channel list
  resonanz channel test ID
  resonanz channel pause ID
  resonanz channel resume ID
  resonanz channel remove ID

--set KEY=VALUE gives one setting of the kind (repeat it); KEY=@FILE reads the
value from a file, so that a token never shows in the process list. Settings
per kind: mastodon: server, token, hashtags; meta: page_id, verify_token,
app_secret, page_token (graph_url only for tests); form: slug, topic, consent,
embed, store; feed: url, channel (review or forum), keywords, languages, every;
source: secret, reply_url, channel, topic (it pushes to /hooks/ID).
The connection is tested before
the account is stored. Use the same --data (and --secret-key) as the server.`

func runChannel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var kind, name string
	values := map[string]string{}
	fs := newFlagSet("channel", channelUsage, stderr)
	dataFlag(fs, &cfg)
	fs.StringVar(&cfg.SecretKey, "secret-key", envOr("SECRET_KEY", ""), "key that seals channel tokens (RESONANZ_SECRET_KEY); default: secret.key in the data directory")
	fs.Func("allow-outbound", "internal address a channel account may reach (RESONANZ_ALLOW_OUTBOUND)",
		func(v string) error { cfg.AllowOutbound = append(cfg.AllowOutbound, splitList(v)...); return nil })
	fs.StringVar(&kind, "kind", "", "kind of account (add): "+kindNames())
	fs.StringVar(&name, "name", "", "name of the account (add)")
	fs.Func("set", "KEY=VALUE setting of the account (add); KEY=@FILE reads the value from a file", func(v string) error {
		k, val, ok := strings.Cut(v, "=")
		if !ok {
			return fmt.Errorf("--set %q is not KEY=VALUE", v)
		}
		if path, isFile := strings.CutPrefix(val, "@"); isFile {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			val = strings.TrimSpace(string(b))
		}
		values[k] = val
		return nil
	})
	rest, err := parseFlags(fs, subcommandArgs(args))
	if err != nil {
		return err
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		return fmt.Errorf("channel: a subcommand is required")
	}
	if len(rest) > 1 {
		return fmt.Errorf("channel: unexpected %q (one id at most)", rest[1])
	}
	rest = append(rest, "")
	m := NewMain(cfg)
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	m.DB = db
	if err := m.setChannels(); err != nil {
		return err
	}
	return channelCommand(ctx, m.Channels, args[0], rest[0], kind, name, values, stdout)
}

func channelCommand(ctx context.Context, r *channel.Registry, sub, arg, kind, name string, values map[string]string, stdout io.Writer) error {
	if sub == "list" {
		return listChannels(ctx, r, stdout)
	}
	if sub == "add" {
		a := &resonanz.ChannelAccount{Kind: kind, Name: name}
		if err := r.Connect(ctx, a, values); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "connected %s account %q as %d\n", a.Kind, a.Name, a.ID)
		return nil
	}
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return fmt.Errorf("channel %s: give the account's id (see 'resonanz channel list')", sub)
	}
	switch sub {
	case "test":
		err = r.Test(ctx, id)
	case "pause", "resume":
		err = r.Accounts.SetChannelAccountPaused(ctx, id, sub == "pause")
	case "remove":
		err = r.Accounts.DeleteChannelAccount(ctx, id)
	default:
		return fmt.Errorf("channel: unknown subcommand %q", sub)
	}
	if err != nil {
		return userError(err)
	}
	fmt.Fprintf(stdout, "%s: done\n", sub)
	return nil
}

func listChannels(ctx context.Context, r *channel.Registry, stdout io.Writer) error {
	accounts, err := r.Accounts.FindChannelAccounts(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tKIND\tNAME\tSTATE\tWAITING\tLAST ERROR")
	for _, a := range accounts {
		state := "working"
		switch {
		case a.Demo:
			state = "demo"
		case a.Paused:
			state = "paused"
		case a.Health.Failing():
			state = "FAILING"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", a.ID, a.Kind, a.Name, state, a.Health.Backlog, a.Health.LastError)
	}
	return w.Flush()
}

func kindNames() string {
	var names []string
	for _, a := range channelAdapters {
		names = append(names, a.Kind)
	}
	return strings.Join(names, ", ")
}
