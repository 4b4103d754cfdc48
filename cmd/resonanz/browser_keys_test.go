package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

// An agent works the inbox by keyboard: j and k mark conversations, ? lists
// the shortcuts, a assigns the marked one, Enter opens it; in the
// conversation r goes to the reply box, s solves it and j goes on to the
// next conversation of the list.
func TestBrowserKeyboardShortcuts(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	token, err := m.DB.CreateAPIToken(bg, "browser test")
	must(t, err)
	at := time.Now().Add(-time.Hour).UTC()
	for i, name := range []string{"Anna", "Ben", "Cem"} {
		sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: name,
			Author: resonanz.Author{Handle: name + "@example.org", DisplayName: name}, Text: "Frage von " + name,
			Time: at.Add(time.Duration(i) * time.Minute), Visibility: resonanz.Private})
	}
	logIn(t, ctx, m, agent)
	marked := func() string {
		return evalString(t, ctx, `(document.querySelector("tr.conversation.current td.customer") || {textContent: ""}).textContent`)
	}

	t.Run("MarkWithJAndK", func(t *testing.T) {
		press(t, ctx, 'j')
		press(t, ctx, 'j')
		press(t, ctx, 'j')
		press(t, ctx, 'k')
		if got := marked(); got != "Ben" {
			t.Fatalf("marked %q, want Ben (newest first: Cem, Ben, Anna)", got)
		}
	})
	t.Run("HelpBehindQuestionMark", func(t *testing.T) {
		press(t, ctx, '?')
		if !evalBool(t, ctx, `document.querySelector("#shortcuts").open`) {
			t.Fatal("? did not open the list of shortcuts")
		}
		if got := evalString(t, ctx, `document.querySelector("#shortcuts").textContent`); !contains(got, "assign to me", "next / previous conversation") {
			t.Fatalf("the list says %q", got)
		}
		press(t, ctx, '?')
		if evalBool(t, ctx, `document.querySelector("#shortcuts").open`) {
			t.Fatal("? did not close the list")
		}
	})
	t.Run("AssignMarked", func(t *testing.T) {
		press(t, ctx, 'a')
		waitFor(t, ctx, `document.querySelector("#bulk-done") !== null && document.readyState === "complete"`)
		owners := evalString(t, ctx, `[...document.querySelectorAll("tr.conversation")].map(tr => tr.querySelector(".customer").textContent + ":" + tr.querySelector(".owner").textContent).join("|")`)
		if owners != "Cem:—|Ben:Tom Berger|Anna:—" {
			t.Fatalf("owners %q, want only Ben assigned", owners)
		}
	})
	t.Run("OpenReplySolveNext", func(t *testing.T) {
		press(t, ctx, 'j')
		press(t, ctx, 'j')
		press(t, ctx, '\r')
		waitFor(t, ctx, `document.querySelector("#customer-name") && document.querySelector("#customer-name").textContent === "Ben" && document.readyState === "complete"`)
		press(t, ctx, 'r')
		if got := evalString(t, ctx, `document.activeElement.id`); got != "reply-text" {
			t.Fatalf("r focused %q", got)
		}
		if got := evalString(t, ctx, `document.querySelector("#reply-text").value`); got != "" {
			t.Fatalf("r was typed into the reply box: %q", got)
		}
		evalString(t, ctx, `document.activeElement.blur(); ""`)
		press(t, ctx, 's')
		waitFor(t, ctx, `document.querySelector("#case-status").textContent === "Solved" && document.readyState === "complete"`)
		press(t, ctx, 'j')
		waitFor(t, ctx, fmt.Sprintf(`document.querySelector("#customer-name").textContent === %q && document.readyState === "complete"`, "Anna"))
	})
	t.Run("SlashSearches", func(t *testing.T) {
		press(t, ctx, '/')
		if got := evalString(t, ctx, `document.activeElement.name`); got != "q" {
			t.Fatalf("/ focused %q, want the search box", got)
		}
	})
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
