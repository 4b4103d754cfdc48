package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserVoiceOfTheCustomer: a lead reads the praise a customer wrote
// for an agent on the team's wall, then sets a suggestion two customers
// asked for to done and sees, before sending, that one of them will get the
// notice and one is left out for their contact wish.
func TestBrowserVoiceOfTheCustomer(t *testing.T) {
	m, _ := startMain(t, false)
	ctx := context.Background()
	lea := &resonanz.User{Login: "lea", Name: "Lea", Role: resonanz.RoleLead}
	annika := &resonanz.User{Login: "annika", Name: "Annika Berg", Role: resonanz.RoleAgent}
	must(t, m.DB.CreateUser(ctx, lea, testPassword))
	must(t, m.DB.CreateUser(ctx, annika, testPassword))
	versand, err := m.DB.CreateTeam(ctx, "Versand")
	must(t, err)
	versand.Members = []int64{annika.ID}
	must(t, m.DB.SaveTeam(ctx, versand))
	say := func(id, kind, text string) int64 {
		msg := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: id, Author: resonanz.Author{Handle: "@" + id + "@example.social", DisplayName: "Kundin " + id},
			Text: text, Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Kind: kind, Topics: []string{"delivery"}}}
		res, err := m.DB.Ingest(ctx, []resonanz.IncomingMessage{msg})
		must(t, err)
		must(t, m.DB.UpdateConversation(ctx, res[0].ConversationID, lea, resonanz.ConversationUpdate{TeamID: &versand.ID}))
		return res[0].ConversationID
	}
	say("eva", resonanz.KindPraise, "Danke an Annika, die Rücksendung war ganz einfach!")
	say("udo", resonanz.KindSuggestion, "Bitte eine Abholstation am Bahnhof")
	opted := say("ida", resonanz.KindSuggestion, "Eine Abholstation am Bahnhof wäre schön")
	must(t, m.DB.RecordWish(ctx, opted, lea, resonanz.Wish{Purpose: resonanz.PurposeContact, State: resonanz.WishDenied, Reason: "keine Nachrichten mehr"}))
	must(t, m.voice.CollectAll(ctx))
	entries, err := m.DB.Suggestions(ctx, 0)
	must(t, err)
	if len(entries) != 2 {
		t.Fatalf("%d entries on the board, want 2", len(entries))
	}
	must(t, m.DB.MergeSuggestion(ctx, entries[0].ID, entries[1].ID, lea))
	into := fmt.Sprintf("#suggestion-%d", entries[1].ID)

	b, _ := newBrowser(t)
	logIn(t, b, m, lea)
	must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/lang?to=en&back=/praise"), chromedp.WaitVisible("#praise-wall")))
	if got := evalString(t, b, `document.querySelector("#praise-wall .praise").textContent`); !strings.Contains(got, "Danke an Annika") ||
		!strings.Contains(got, "for Annika Berg") || !strings.Contains(got, "Kundin eva") {
		t.Fatalf("the wall shows %q", got)
	}

	must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/suggestions"), chromedp.WaitVisible(into)))
	if got := evalString(t, b, `document.querySelector("`+into+` .suggestion-asked").textContent`); got != "customers asking: 2" {
		t.Fatalf("the merged entry says %q", got)
	}
	must(t, chromedp.Do(b, chromedp.SetValue(into+" .suggestion-status-choice", resonanz.SuggestionDone),
		chromedp.Click(into+" .suggestion-status-save"), chromedp.WaitVisible(into+" .notice-count")))
	if got := evalString(t, b, `document.querySelector("`+into+` .notice-count").textContent`); got != "The notice would reach 1 customer(s); 1 left out for their contact wishes." {
		t.Fatalf("before sending the board says %q", got)
	}
	if got := evalString(t, b, `document.querySelector("`+into+` .notice-skipped").textContent`); !strings.Contains(got, "blocked: do not contact since") {
		t.Errorf("left out, without the reason: %q", got)
	}
	must(t, chromedp.Do(b, chromedp.Click(into+" .notice-send"), chromedp.WaitVisible(into+" .notice-sent")))
	if got := evalString(t, b, `document.querySelector("`+into+` .notice-sent").textContent`); !strings.HasPrefix(got, "Told 1 customer(s), 1 left out") {
		t.Fatalf("after sending the board says %q", got)
	}
}
