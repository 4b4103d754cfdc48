package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/linksign"
)

// surveyLinkRE finds the survey link in the survey message.
var surveyLinkRE = regexp.MustCompile(`https?://\S+/survey/[0-9a-z-]+`)

// TestBrowserSurvey: an agent solves a case in the browser; the survey job
// sends the one question through the outbox; the customer, with JavaScript
// off, answers it with one click on the page the link opens; the answer
// shows on the conversation, and its low score reaches the lead.
func TestBrowserSurvey(t *testing.T) {
	m, _ := startMain(t, false)
	ctx := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	lead := newUser(t, m, "lea@example.org", "Lea Lehmann", resonanz.RoleLead)
	account := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Shop (Demo)", Demo: true, Settings: map[string]string{"server": "https://social.example"}}
	must(t, m.DB.CreateChannelAccount(ctx, account))
	must(t, m.DB.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Channel: "mastodon", Question: resonanz.QuestionCSAT}, lead))
	settings, err := m.DB.SurveySettings(ctx)
	must(t, err)
	settings.Delay = 0 // the job runs at once; the default waits two hours for a reopening
	must(t, m.DB.SaveSurveySettings(ctx, settings, lead))
	res, err := m.DB.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "mastodon", ExternalID: "s1", AccountID: account.ID, Visibility: resonanz.Public,
		Author: resonanz.Author{Handle: "@nina@social.example", DisplayName: "Nina"}, Text: "Mein Paket ist beschädigt angekommen.",
		Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Language: resonanz.LangGerman}}})
	must(t, err)
	id := res[0].ConversationID
	conversation := fmt.Sprint(m.URL(), "/conversations/", id)

	desk, _ := newBrowser(t)
	logIn(t, desk, m, agent)
	must(t, chromedp.Do(desk, chromedp.Navigate(conversation), chromedp.WaitVisible("#consent-decisions")))
	if got := evalString(t, desk, `document.querySelector("#consent-decisions").textContent`); !strings.Contains(got, "allowed: direct answer") ||
		!strings.Contains(got, "allowed: no wish recorded") || !strings.Contains(got, "blocked: news and offers only with consent") {
		t.Fatalf("beside the reply box: %q", got)
	}
	must(t, chromedp.Do(desk, chromedp.Click("#solve")))
	waitFor(t, desk, `document.querySelector("#case-status").textContent === "Solved"`)

	var link string
	waitUntil(t, "the survey job sends the survey", func() bool {
		tl, err := m.DB.Timeline(ctx, id)
		must(t, err)
		for _, e := range tl.Entries {
			if e.Message != nil && e.Message.Delivery != nil && e.Message.Delivery.Kind == resonanz.OutboundSurvey {
				link = surveyLinkRE.FindString(e.Message.Text)
			}
		}
		return link != ""
	})
	if !strings.HasPrefix(link, m.URL()+"/survey/") {
		t.Fatalf("survey link %q", link)
	}

	t.Run("OneClickWithoutJavaScript", func(t *testing.T) {
		customer, dialog := newBrowser(t)
		scripts(t, customer, false)
		must(t, chromedp.Do(customer, chromedp.Navigate(link), chromedp.WaitVisible("#survey-question")))
		if q := evalString(t, customer, `document.querySelector("#survey-question").textContent`); q != "Wie zufrieden waren Sie mit unserer Hilfe bei Ihrem Anliegen?" {
			t.Fatalf("question %q", q)
		}
		if n := evalString(t, customer, `String(document.querySelectorAll("button.score").length) + document.documentElement.lang`); n != "5de" {
			t.Fatalf("scores and language %q", n)
		}
		must(t, chromedp.Do(customer, chromedp.SendKeys("#s-comment", "Hat zu lange gedauert."), chromedp.Click("#score-2"),
			chromedp.WaitVisible("#survey-thanks")))
		if got := evalString(t, customer, `document.querySelector("#survey-score").textContent`); got != "2" {
			t.Fatalf("the page thanks for %q", got)
		}
		if dialog.Load() {
			t.Fatal("the survey page opened a dialog")
		}
		list, err := m.DB.ConversationSurveys(ctx, id)
		must(t, err)
		if len(list) != 1 || list[0].Score != 2 || list[0].Comment != "Hat zu lange gedauert." || list[0].AgentName != "" {
			t.Fatalf("answer %+v", list)
		}
	})
	t.Run("ShownOnTheConversation", func(t *testing.T) {
		must(t, chromedp.Do(desk, chromedp.Navigate(conversation), chromedp.WaitVisible("#survey-list")))
		got := evalString(t, desk, `document.querySelector("#survey-list").textContent`)
		if !strings.Contains(got, "CSAT (1–5)") || !strings.Contains(got, "2") || !strings.Contains(got, "Hat zu lange gedauert.") {
			t.Fatalf("surveys on the conversation: %q", got)
		}
	})
	t.Run("TheLeadFollowsUp", func(t *testing.T) {
		b, _ := newBrowser(t)
		logIn(t, b, m, lead)
		must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/notifications"), chromedp.WaitReady("main")))
		if got := evalString(t, b, `document.querySelector("main").textContent`); !strings.Contains(got, "Low score 2 (CSAT (1–5)) from Nina") {
			t.Fatalf("the lead's notifications: %q", got)
		}
	})
}

// TestBrowserWishes: a customer opens the signed link of their wishes page
// with JavaScript off, says no to surveys by email and yes to news, and the
// agent sees it beside the reply box; a changed or expired link opens a
// page that says so, and nothing else.
func TestBrowserWishes(t *testing.T) {
	m, _ := startMain(t, false)
	ctx := context.Background()
	agent := newUser(t, m, "tom@example.org", "Tom Berger", resonanz.RoleAgent)
	res, err := m.DB.Ingest(ctx, []resonanz.IncomingMessage{{Channel: "email", ExternalID: "w1", Visibility: resonanz.Private,
		Author: resonanz.Author{Handle: "jonas.weber@example.org", DisplayName: "Jonas Weber"}, Text: "Bitte keine Werbung mehr!",
		Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Language: resonanz.LangGerman}}})
	must(t, err)
	id := res[0].ConversationID
	c, err := m.DB.FindConversationByID(ctx, id)
	must(t, err)
	link := m.Links.WishesLink(c.ContactID, resonanz.LangGerman)

	t.Run("FromTheSignedLinkWithoutJavaScript", func(t *testing.T) {
		b, dialog := newBrowser(t)
		scripts(t, b, false)
		must(t, chromedp.Do(b, chromedp.Navigate(link), chromedp.WaitVisible("#wishes-form")))
		if h := evalString(t, b, `document.querySelector("h1").textContent + "|" + document.querySelector("#wishes-channels").textContent`); !strings.Contains(h, "Ihre Kontaktwünsche|") ||
			!strings.Contains(h, "j…@example.org") || strings.Contains(h, "jonas.weber") {
			t.Fatalf("page %q", h)
		}
		must(t, chromedp.Do(b, chromedp.Click("#w-survey-email-denied"), chromedp.Click("#w-news-email-allowed"), chromedp.Click("#wishes-save"),
			chromedp.WaitVisible("#wishes-saved")))
		if checked := evalString(t, b, `String(document.querySelector("#w-survey-email-denied").checked && document.querySelector("#w-news-email-allowed").checked)`); checked != "true" {
			t.Fatal("the saved page does not show the wishes as chosen")
		}
		if dialog.Load() {
			t.Fatal("the wishes page opened a dialog")
		}
		cw, err := m.DB.ContactWishes(ctx, c.ContactID)
		must(t, err)
		var words []string
		for _, w := range cw.History {
			if w.Source != resonanz.SourceCustomer || w.Language != "de" {
				t.Fatalf("wish %+v", w)
			}
			words = append(words, w.Wording)
		}
		if got := strings.Join(words, "|"); !strings.Contains(got, "Nein, bitte keine Zufriedenheitsumfragen über E-Mail.") ||
			!strings.Contains(got, "Ja, Sie dürfen mir Neuigkeiten und Angebote über E-Mail schicken.") {
			t.Fatalf("recorded in the words %q", got)
		}
		// The page speaks English on request.
		must(t, chromedp.Do(b, chromedp.Click("#lang-switch"), chromedp.WaitVisible("#wishes-form")))
		if h := evalString(t, b, `document.querySelector("h1").textContent`); h != "Your contact wishes" {
			t.Fatalf("switched page %q", h)
		}
	})
	t.Run("ShownBesideTheReplyBox", func(t *testing.T) {
		desk, _ := newBrowser(t)
		logIn(t, desk, m, agent)
		must(t, chromedp.Do(desk, chromedp.Navigate(fmt.Sprint(m.URL(), "/conversations/", id)), chromedp.WaitVisible("#consent-decisions")))
		got := evalString(t, desk, `document.querySelector("#consent-decisions").textContent`)
		day := time.Now().In(m.zone).Format("02.01.")
		for _, want := range []string{"allowed: direct answer", "blocked: no surveys on Email since " + day, "allowed: agreed since " + day} {
			if !strings.Contains(got, want) {
				t.Fatalf("beside the reply box %q, want %q", got, want)
			}
		}
	})
	t.Run("ChangedLinkRefusedWithAClearPage", func(t *testing.T) {
		b, _ := newBrowser(t)
		scripts(t, b, false)
		token := strings.TrimPrefix(link, m.URL()+"/wishes/")
		parts := strings.Split(token, "-")
		parts[0] = fmt.Sprint(c.ContactID + 1) // someone else's wishes
		must(t, chromedp.Do(b, chromedp.Navigate(m.URL()+"/wishes/"+strings.Join(parts, "-")), chromedp.WaitVisible("#link-invalid")))
		if got := evalString(t, b, `document.querySelector("main").textContent`); !strings.Contains(got, "This link is not valid") ||
			strings.Contains(got, "@example.org") || evalString(t, b, `String(document.querySelectorAll("form").length)`) != "0" {
			t.Fatalf("page for a changed link: %q", got)
		}
	})
	t.Run("ExpiredLinkRefusedWithAClearPage", func(t *testing.T) {
		b, _ := newBrowser(t)
		scripts(t, b, false)
		expired := m.URL() + "/wishes/" + m.Links.Token(linksign.Wishes, c.ContactID, resonanz.LangGerman, -time.Minute)
		must(t, chromedp.Do(b, chromedp.Navigate(expired), chromedp.WaitVisible("#link-expired")))
		if got := evalString(t, b, `document.querySelector("main").textContent`); !strings.Contains(got, "Dieser Link ist abgelaufen") ||
			!strings.Contains(got, "Unsere nächste Nachricht enthält einen neuen Link.") {
			t.Fatalf("page for an expired link: %q", got)
		}
	})
}
