package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func startMainIn(t *testing.T, dir string) *Main {
	t.Helper()
	m := NewMain(Config{Addr: "127.0.0.1:0", DataDir: dir})
	m.Stdout, m.Logger = io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-m.Warm() // the storm monitor knows the stored history
	return m
}

// TestSLATimerSurvivesRestart: a breach due while resonanz is down is told
// once it runs again: late, never lost.
func TestSLATimerSurvivesRestart(t *testing.T) {
	dir, bg := t.TempDir(), context.Background()
	m := startMainIn(t, dir)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	must(t, m.DB.SaveSLAPolicy(bg, &resonanz.SLAPolicy{Name: "Sofort", FirstResponse: 3 * time.Second}))
	token, _ := m.DB.CreateAPIToken(bg, "test")
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "x1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Bitte rufen Sie mich zurück.", Visibility: resonanz.Private, Time: time.Now()})
	var conv *resonanz.Conversation
	waitUntil(t, "the conversation gets a clock", func() bool {
		page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{ByDue: true, Limit: 5})
		must(t, err)
		if len(page.Conversations) == 1 {
			conv = page.Conversations[0]
		}
		return conv != nil
	})
	must(t, m.Close())
	if wait := time.Until(conv.SLA.Due); wait > 0 {
		time.Sleep(wait + 500*time.Millisecond)
	}

	m = startMainIn(t, dir)
	defer m.Close()
	waitUntil(t, "the lead hears of the breach after the restart", func() bool {
		n, err := m.DB.CountUnread(bg, lead.ID)
		must(t, err)
		return n == 1
	})
	c, err := m.DB.FindConversationByID(bg, conv.ID)
	must(t, err)
	if !c.SLA.Breached {
		t.Fatalf("conversation %d is not marked breached: %+v", c.ID, c.SLA)
	}
	list, _ := m.DB.FindNotifications(bg, lead.ID, 10)
	if len(list) != 1 || list[0].Kind != "sla.breach" || list[0].ConversationID != conv.ID {
		t.Fatalf("notifications = %+v", list)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: %s", what)
		}
	}
}
