// Package natstest connects the tests of other packages to a real NATS
// server, each test under subjects of its own.
package natstest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/resonanz/resonanz/events/nats"
)

// URL is the NATS server (with JetStream) named by RESONANZ_TEST_NATS; the
// test is skipped without one.
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("RESONANZ_TEST_NATS")
	if url == "" {
		t.Skip("RESONANZ_TEST_NATS names no NATS server (e.g. nats://127.0.0.1:4222)")
	}
	return url
}

// Prefix returns a subject prefix of the test alone and removes its alert
// stream from the server when the test ends.
func Prefix(t testing.TB, url string) string {
	t.Helper()
	prefix := "test." + strings.TrimPrefix(natsgo.NewInbox(), "_INBOX.")
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

// Join connects one more node to the cluster of prefix; it leaves when the test ends.
func Join(t testing.TB, url, prefix string) *nats.Service {
	t.Helper()
	s, err := nats.Connect(context.Background(), url, prefix, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}
