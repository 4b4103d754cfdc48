package nats_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/nats/natstest"
	"github.com/resonanz/resonanz/presence/nats"
	"github.com/resonanz/resonanz/presence/presencetest"
)

// Two nodes, each with a connection of its own, share a bucket no other
// test uses.
func TestClusterBoard(t *testing.T) {
	url := natstest.URL(t)
	prefix := "test." + natsgo.NewInbox()[len("_INBOX."):]
	presencetest.Run(t, func(t *testing.T, now func() time.Time) (a, b resonanz.PresenceService) {
		return node(t, url, prefix, now), node(t, url, prefix, now)
	})
	conn, err := natsgo.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	js, err := jetstream.New(conn)
	if err == nil {
		err = js.DeleteKeyValue(context.Background(), nats.BucketName(prefix))
	}
	if err != nil {
		t.Errorf("remove the test's bucket: %v", err)
	}
}

func node(t *testing.T, url, prefix string, now func() time.Time) *nats.Board {
	t.Helper()
	conn, err := natsgo.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(conn.Close)
	b, err := nats.Open(context.Background(), conn, prefix, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	b.Now = now
	return b
}
