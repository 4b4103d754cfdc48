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

// Answer-time clocks start when the customer wrote, not when resonanz got
// the message: one that arrives three hours late against a goal of one hour
// is overdue at once, and its breach is told.
func TestLateMessageArrivesOverdue(t *testing.T) {
	bg := context.Background()
	m := startMainIn(t, t.TempDir())
	defer m.Close()
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	must(t, m.DB.SaveSLAPolicy(bg, &resonanz.SLAPolicy{Name: "Eine Stunde", FirstResponse: time.Hour}))
	token, _ := m.DB.CreateAPIToken(bg, "test")
	sent := time.Now().Add(-3 * time.Hour).Truncate(time.Second).UTC()
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "late-1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Ich warte seit heute früh.", Visibility: resonanz.Private, Time: sent})
	var conv *resonanz.Conversation
	waitUntil(t, "the conversation gets a clock", func() bool {
		page, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{ByDue: true, Limit: 5})
		must(t, err)
		if len(page.Conversations) == 1 && page.Conversations[0].SLA != nil {
			conv = page.Conversations[0]
		}
		return conv != nil
	})
	if !conv.CreatedAt.Equal(sent) || !conv.SLA.Due.Equal(sent.Add(time.Hour)) {
		t.Fatalf("conversation of a message sent at %v: created %v, due %v; want due an hour after it was sent", sent, conv.CreatedAt, conv.SLA.Due)
	}
	overdue, err := m.DB.FindConversations(bg, resonanz.ConversationFilter{Overdue: true, Limit: 5})
	must(t, err)
	if len(overdue.Conversations) != 1 {
		t.Fatalf("the late message is not in the overdue inbox: %d conversations", len(overdue.Conversations))
	}
	waitUntil(t, "the lead hears of the breach", func() bool {
		n, err := m.DB.CountUnread(bg, lead.ID)
		must(t, err)
		return n == 1
	})
	report, err := m.DB.SLAReport(bg, time.Now().Add(-24*time.Hour))
	must(t, err)
	if len(report) != 1 || report[0].Conversations != 1 || report[0].Breaches != 1 || report[0].Overdue != 1 {
		t.Fatalf("SLA report %+v, want one conversation, one missed goal, one overdue", report[0])
	}
}
