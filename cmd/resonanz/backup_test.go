package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/nats/natstest"
	"github.com/resonanz/resonanz/store"
)

// An admin backs up a running server and restores the copy elsewhere:
// the message stored before is there, and neither command overwrites.
func TestBackupAndRestoreCommands(t *testing.T) {
	ctx := context.Background()
	m, _ := startMain(t, false)
	if _, err := m.DB.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "api", ExternalID: "1", Author: resonanz.Author{Handle: "anna"},
		Text: "Mein Paket ist nicht angekommen", Time: time.Now(), Visibility: resonanz.Public}}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "resonanz-backup.db")
	restored := filepath.Join(t.TempDir(), "restored")
	var out, errOut bytes.Buffer
	steps := []struct {
		args []string
		says string // in the output, or in the error when refused
		ok   bool
	}{
		{[]string{"backup", "--data", m.Config.DataDir, file}, "Backed up the database to " + file, true},
		{[]string{"backup", "--data", m.Config.DataDir, file}, "--force", false},
		{[]string{"restore", "--data", restored, file}, "Restored the database to " + filepath.Join(restored, "resonanz.db"), true},
		{[]string{"restore", file, "--data", restored}, "not empty", false},
		{[]string{"restore", "--data", restored, "--force", file}, "Restored", true},
	}
	for _, s := range steps {
		out.Reset()
		err := run(ctx, s.args, &out, &errOut)
		said := out.String()
		if err != nil {
			said = err.Error()
		}
		if (err == nil) != s.ok || !strings.Contains(said, s.says) {
			t.Fatalf("resonanz %s: %v, want ok=%v saying %q:\n%s", strings.Join(s.args, " "), err, s.ok, s.says, said)
		}
	}
	db, err := store.Open(ctx, filepath.Join(restored, "resonanz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hits, err := db.SearchMessages(ctx, "Paket", 10, 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("the restored database finds %d messages of Paket (%v), want 1", len(hits), err)
	}
}

// Two servers started with --nats share their live events.
func TestServeWithNATS(t *testing.T) {
	url := natstest.URL(t)
	prefix := natstest.Prefix(t, url)
	var nodes []*Main
	for range 2 {
		m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), NATS: url, NATSPrefix: prefix})
		m.Stdout, m.Logger = &bytes.Buffer{}, slog.New(slog.NewTextHandler(io.Discard, nil))
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		nodes = append(nodes, m)
	}
	news, cancel := nodes[1].Events.Subscribe()
	defer cancel()
	nodes[0].Events.Publish(resonanz.LiveEvent{Kind: resonanz.LivePresence, ConversationID: 4})
	if e := <-news; e.ConversationID != 4 {
		t.Fatalf("the second node received %+v", e)
	}
}
