package nats_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/events/eventstest"
	"github.com/resonanz/resonanz/events/nats"
)

// serverURL is the NATS server (with JetStream) the tests use; they are
// skipped without one.
func serverURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("RESONANZ_TEST_NATS")
	if url == "" {
		t.Skip("RESONANZ_TEST_NATS names no NATS server (e.g. nats://127.0.0.1:4222)")
	}
	return url
}

// Every node of a cluster is a connection of its own to the shared server,
// with a subject prefix no other test uses.
func TestNATSContract(t *testing.T) {
	url := serverURL(t)
	eventstest.Run(t, func(t *testing.T) eventstest.Join {
		prefix := UniquePrefix(t, url)
		return func() resonanz.EventService {
			s, err := nats.Connect(context.Background(), url, prefix, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(s.Close)
			return s
		}
	})
}

func TestBadPrefix(t *testing.T) {
	for _, prefix := range []string{"", "resonanz.>", "two words", "a..b", "*"} {
		if _, err := nats.Connect(context.Background(), "nats://127.0.0.1:1", prefix, slog.Default()); err == nil || !strings.Contains(err.Error(), "prefix") {
			t.Errorf("prefix %q: %v, want it refused", prefix, err)
		}
	}
}

// UniquePrefix returns a subject prefix of the test alone and removes its
// alert stream from the server when the test ends.
func UniquePrefix(t *testing.T, url string) string {
	t.Helper()
	prefix := "test." + natsgo.NewInbox()[len("_INBOX."):]
	t.Cleanup(func() {
		conn, err := natsgo.Connect(url)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		js, err := jetstream.New(conn)
		if err == nil {
			err = js.DeleteStream(context.Background(), nats.StreamName(prefix))
		}
		if err != nil {
			t.Errorf("remove the test's stream: %v", err)
		}
	})
	return prefix
}
