package store_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/store/storetest"
)

// engine opens a fresh, empty database of one kind. The contract tests below
// run against every engine, so that a second engine must behave the same.
type engine struct {
	name string
	open func(t *testing.T) *store.DB
}

func engines() []engine {
	list := []engine{{"sqlite", func(t *testing.T) *store.DB { return storetest.Open(t) }}}
	if os.Getenv(storetest.PostgresEnv) != "" {
		list = append(list, engine{"postgres", func(t *testing.T) *store.DB { return storetest.OpenPostgres(t) }})
	}
	return list
}

// contract runs fn as a subtest on each engine.
func contract(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) { fn(t, e.open(t)) })
	}
}

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// msg returns a valid incoming message; minutes sets its time after t0.
func msg(channel, extID, handle, text string, minutes int) resonanz.IncomingMessage {
	return resonanz.IncomingMessage{Channel: channel, ExternalID: extID, Author: resonanz.Author{Handle: handle, DisplayName: "Name of " + handle},
		Text: text, Time: t0.Add(time.Duration(minutes) * time.Minute), Visibility: resonanz.Public}
}

func mustIngest(t *testing.T, db *store.DB, msgs ...resonanz.IncomingMessage) []resonanz.IngestResult {
	t.Helper()
	res, err := db.Ingest(context.Background(), msgs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustUser(t *testing.T, db *store.DB, login, role string) *resonanz.User {
	t.Helper()
	u := &resonanz.User{Login: login, Name: "User " + login, Role: role}
	if err := db.CreateUser(context.Background(), u, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	return u
}

// inboxIDs returns the ids of the conversations an inbox filter shows, in order.
func inboxIDs(t *testing.T, db *store.DB, f resonanz.ConversationFilter) []int64 {
	t.Helper()
	page, err := db.FindConversations(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range page.Conversations {
		ids = append(ids, c.ID)
	}
	return ids
}

// said writes what a stored event says for comparing in tests: its kind and
// its params, sorted by name ("status from=open to=solved").
func said(kind string, p resonanz.Params) string {
	names := make([]string, 0, len(p))
	for k := range p {
		names = append(names, k)
	}
	slices.Sort(names)
	out := kind
	for _, k := range names {
		out += " " + k + "=" + p[k]
	}
	return out
}
