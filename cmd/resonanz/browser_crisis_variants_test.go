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

// A crisis room holds four customers of one critique, in German (one who
// says "Sie", one who says "ihr") and English; a complaint about something
// else stays in the inbox. The manager writes the reply in three variants,
// takes one customer off the list, and sends: each customer reads their
// own language and form of address, and the one taken off gets nothing.
func TestBrowserCrisisVariants(t *testing.T) {
	ctx, dialog := newBrowser(t)
	m, _ := startMain(t, false)
	bg := context.Background()
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	now := time.Now().UTC().Truncate(time.Minute)
	say := func(i int, name, lang, text string) resonanz.IncomingMessage {
		return resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprint("v", i), Visibility: resonanz.Public,
			Author: resonanz.Author{Handle: "@" + strings.ToLower(name), DisplayName: name}, Text: text, Time: now.Add(time.Duration(i-10) * time.Minute),
			Analysis: resonanz.Analysis{Language: lang, Sentiment: resonanz.Negative, Topics: []string{"app"}}}
	}
	msgs := []resonanz.IncomingMessage{
		say(0, "Anna", resonanz.LangGerman, "Können Sie mir sagen, warum mein Warenkorb nach dem Update leer ist?"),
		say(1, "Ben", resonanz.LangGerman, "Habt ihr den Warenkorb kaputt gemacht? Alles weg nach dem Update!"),
		say(2, "Emma", resonanz.LangEnglish, "My cart is empty after the update!"),
		say(3, "Kai", resonanz.LangGerman, "Warenkorb leer nach dem Update."),
		say(4, "Lena", resonanz.LangGerman, "Mein Rabattcode wird nicht angenommen."),
	}
	res, err := m.DB.Ingest(bg, msgs)
	must(t, err)
	a := &resonanz.Alert{Key: "app", Severity: 2, Count: 5, Window: time.Hour, Expected: 1, Ratio: 5, Channels: 1, Authors: 5,
		FirstSeen: now.Add(-time.Hour), LastSeen: now}
	must(t, m.DB.SaveAlert(bg, a))
	var judged []resonanz.AlertMember
	for i, r := range res {
		j := resonanz.AlertMember{MessageID: r.MessageID, Member: i < 4, Score: 0.1}
		if j.Member {
			j.Score, j.Reason, j.Evidence = 0.6, resonanz.RoomTerms, []string{"warenkorb", "update"}
		}
		judged = append(judged, j)
	}
	must(t, m.DB.SaveAlertMembers(bg, a.ID, judged))
	must(t, m.DB.SetStatement(bg, a.ID, lead, resonanz.Statement{Text: "Behoben / fixed.", Public: true}))
	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprint(m.URL(), "/alerts/", a.ID)), chromedp.WaitVisible("#crisis-messages")))

	t.Run("OtherComplaintStaysInInbox", func(t *testing.T) {
		left := evalString(t, ctx, `document.querySelector("#crisis-left").textContent`)
		room := evalString(t, ctx, `document.querySelector("#crisis-messages").textContent`)
		if !strings.Contains(left, "Rabattcode") || strings.Contains(room, "Rabattcode") || !strings.Contains(room, "shares the terms: warenkorb, update") {
			t.Fatalf("room %q, left in the inbox %q", room, left)
		}
	})
	t.Run("PreviewWithoutKai", func(t *testing.T) {
		must(t, chromedp.Do(ctx,
			chromedp.SetValue("#bulk-template-de-sie", "Hallo {name}, Ihr Warenkorb ist wieder da.\n{statement}"),
			chromedp.SetValue("#bulk-template-de-du", "Hallo {name}, dein Warenkorb ist wieder da.\n{statement}"),
			chromedp.SetValue("#bulk-template-en", "Hello {name}, your cart is back.\n{statement}"),
			chromedp.Click("#bulk-preview")))
		waitFor(t, ctx, pageReady("#bulk-recipients"))
		must(t, chromedp.Do(ctx, chromedp.Click(`tr[data-name="Kai"] input[name="to"]`), chromedp.Click("#bulk-preview")))
		waitFor(t, ctx, pageReady("tr[data-name='Kai'].skipped"))
		count := evalString(t, ctx, `document.querySelector("#bulk-count").textContent`)
		if !strings.Contains(count, "The crisis room holds 4 customers; the reply goes to 3 of them (3 publicly, 0 privately).") {
			t.Fatalf("count says %q", count)
		}
		variants := evalString(t, ctx, `[...document.querySelectorAll("#bulk-recipients tr[data-name]")].map(r => r.dataset.name + ": " + r.querySelector(".variant").textContent).join(", ")`)
		if variants != "Anna: German (Sie), Ben: German (du), Emma: English, Kai: German (Sie)" {
			t.Fatalf("variants %q", variants)
		}
	})
	t.Run("Send", func(t *testing.T) {
		must(t, chromedp.Do(ctx, chromedp.Click("#bulk-send")))
		waitFor(t, ctx, pageReady("#bulk-result"))
		if got := evalString(t, ctx, `document.querySelector("#bulk-result").textContent`); !strings.Contains(got, "sent to 3, skipped 1") {
			t.Fatalf("result says %q", got)
		}
		want := []string{"Hallo Anna, Ihr Warenkorb ist wieder da.\nBehoben / fixed.", "Hallo Ben, dein Warenkorb ist wieder da.\nBehoben / fixed.",
			"Hello Emma, your cart is back.\nBehoben / fixed.", "", ""}
		for i, r := range res {
			tl, err := m.DB.Timeline(bg, r.ConversationID)
			must(t, err)
			got := ""
			if last := tl.Entries[len(tl.Entries)-1].Message; last.Direction == resonanz.Outbound {
				got = last.Text
			}
			if got != want[i] {
				t.Errorf("%s got %q, want %q", msgs[i].Author.DisplayName, got, want[i])
			}
		}
		if dialog.Load() {
			t.Fatal("a JavaScript dialog opened")
		}
	})
}
