package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
)

// TestBrowserCompanyTopic: a lead adds a topic of the company's own; the
// next message with its seed term arrives labelled with it, and the inbox
// can filter by it.
func TestBrowserCompanyTopic(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	token, _ := m.DB.CreateAPIToken(t.Context(), "test")

	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/topics"), chromedp.WaitVisible("#topic-form"),
		chromedp.SendKeys("#topic-name", "Rueckruf"), chromedp.SendKeys("#topic-terms", "Rückruf, callback, zurückrufen"),
		chromedp.Click("#topic-save"), chromedp.WaitVisible(`#topics tr[data-topic="rueckruf"]`)))

	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "r1", Author: resonanz.Author{Handle: "kim@example.org"},
		Text: "Ich warte seit gestern auf die versprochene Rückrufbitte-Antwort. Bitte rufen Sie mich an!", Visibility: resonanz.Private,
		Time: time.Now()})
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/?topic=rueckruf"), chromedp.WaitVisible("#inbox")))
	row := evalString(t, ctx, `(document.querySelector("tr.conversation") || {textContent: ""}).textContent`)
	if !strings.Contains(row, "rueckruf") || !strings.Contains(row, "Rückrufbitte") {
		t.Fatalf("the inbox filtered by the new topic shows %q", row)
	}
	if opt := evalString(t, ctx, `String(!!document.querySelector('#filter-topic option[value="rueckruf"]'))`); opt != "true" {
		t.Fatal("the topic filter does not offer the new topic")
	}
}

// TestBrowserLearnTopicTerm: agents correct the topic of messages the
// analysis missed; the topics page suggests their shared word, a lead learns
// it, and the next such message gets the topic by itself.
func TestBrowserLearnTopicTerm(t *testing.T) {
	ctx, _ := newBrowser(t)
	m, _ := startMain(t, false)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	token, _ := m.DB.CreateAPIToken(t.Context(), "test")
	for i, text := range []string{"Meine Treuepunkte fehlen schon wieder", "Wo sind die Treuepunkte geblieben?", "Treuepunkte falsch verbucht"} {
		res, err := m.DB.Ingest(t.Context(), []resonanz.IncomingMessage{{Channel: "email", ExternalID: "t" + string(rune('a'+i)),
			Author: resonanz.Author{Handle: "k" + string(rune('a'+i)) + "@example.org"}, Text: text, Visibility: resonanz.Private, Time: time.Now()}})
		must(t, err)
		_, err = m.DB.CorrectLabel(t.Context(), res[0].MessageID, lead, "topics", "service")
		must(t, err)
	}
	logIn(t, ctx, m, lead)
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/settings/topics"), chromedp.WaitVisible(`#topic-suggestions button[data-term="treuepunkte"]`),
		chromedp.Click(`#topic-suggestions button[data-term="treuepunkte"]`), chromedp.WaitVisible(`tr[data-topic="service"] .learned`)))
	sendMessages(t, m.URL(), token, resonanz.IncomingMessage{Channel: "email", ExternalID: "n1", Author: resonanz.Author{Handle: "neu@example.org"},
		Text: "Keine Treuepunkte für meinen Einkauf bekommen.", Visibility: resonanz.Private, Time: time.Now()})
	must(t, chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/?topic=service"), chromedp.WaitVisible("#inbox")))
	if rows := evalString(t, ctx, `document.querySelector("#inbox").textContent`); !strings.Contains(rows, "Keine Treuepunkte") {
		t.Fatalf("the new message did not get the learned topic: %q", rows)
	}
}
