package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/linksign"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/survey"
	"github.com/resonanz/resonanz/web"
)

// publicGet and publicPost reach a customer's page as a stranger would:
// without a session, following the redirect after a post.
func publicGet(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

func publicPost(t *testing.T, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

// wishesWorld is a customer on email and Mastodon, with the server's signer.
func wishesWorld(t *testing.T) (string, *store.DB, *linksign.Signer, int64, int64) {
	t.Helper()
	var links *linksign.Signer
	base, db, _ := newTestServer(t, func(s *web.Server) { links = s.Links })
	ctx := context.Background()
	mail := resonanz.IncomingMessage{Channel: "email", ExternalID: "e1", Author: resonanz.Author{Handle: "kim.meyer@example.org", DisplayName: "Kim",
		CustomerRef: "kim.meyer@example.org"}, Text: "Rechnung doppelt?", Visibility: resonanz.Private, Time: time.Now().Add(-time.Hour)}
	toot := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "m1", Author: resonanz.Author{Handle: "@kim@social.example", DisplayName: "Kim",
		CustomerRef: "kim.meyer@example.org"}, Text: "Hallo?", Visibility: resonanz.Public, Time: time.Now().Add(-time.Minute)}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{mail, toot})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.FindConversationByID(ctx, res[0].ConversationID)
	if err != nil {
		t.Fatal(err)
	}
	return base, db, links, c.ContactID, c.ID
}

func TestWishesPage(t *testing.T) {
	base, db, links, contact, conversation := wishesWorld(t)
	ctx := context.Background()
	link := links.WishesLink(contact, "de")
	if !strings.HasPrefix(link, base+"/wishes/") {
		t.Fatalf("link %q", link)
	}

	t.Run("ShowsTheWishesInTheLinksLanguage", func(t *testing.T) {
		status, page := publicGet(t, link)
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, `<html lang="de">`, "Ihre Kontaktwünsche", "k…@example.org", "@k…@social.example",
			"Ja, Sie dürfen mich über E-Mail nach meiner Zufriedenheit fragen.", `name="w-survey-email"`, `name="w-news-mastodon"`,
			`name="dnc"`, `href="/wishes/`)
		if strings.Contains(page, "kim.meyer@example.org") || strings.Contains(page, "<script") {
			t.Fatal("the page shows the whole address, or a script")
		}
		if _, page := publicGet(t, link+"?lang=en"); !strings.Contains(page, "Yes, you may ask me about my satisfaction on Email.") {
			t.Fatalf("English page:\n%s", page)
		}
	})
	t.Run("SavesOnlyWhatChangedInTheWordsShown", func(t *testing.T) {
		_, page := publicGet(t, link+"?lang=en")
		shown := between(page, `name="shown" value="`, `"`)
		status, page := publicPost(t, link+"?lang=en", url.Values{"shown": {shown}, "w-survey-email": {"denied"}, "w-news-mastodon": {"allowed"},
			"w-service-email": {"unknown"}})
		if status != http.StatusOK || !strings.Contains(page, "Saved. Thank you!") {
			t.Fatalf("status %d:\n%s", status, page)
		}
		cw, err := db.ContactWishes(ctx, contact)
		if err != nil {
			t.Fatal(err)
		}
		if len(cw.History) != 2 {
			t.Fatalf("%d wishes recorded, want 2 (service on email did not change)", len(cw.History))
		}
		for _, w := range cw.History {
			switch {
			case w.Source != resonanz.SourceCustomer || w.Language != "en" || w.SetBy != "":
				t.Errorf("wish %+v", w)
			case w.Purpose == resonanz.PurposeSurvey && (w.Channel != "email" || w.Wording != "No satisfaction surveys on Email, please."):
				t.Errorf("survey wish %+v", w)
			case w.Purpose == resonanz.PurposeNews && w.Wording != "Yes, you may send me news and offers on Mastodon.":
				t.Errorf("news wish %+v", w)
			}
		}
		ds, err := db.ConsentDecisions(ctx, conversation)
		if err != nil || ds[1].Allowed || ds[1].Rule != resonanz.DecisionDeniedOn {
			t.Fatalf("survey decision %+v, %v", ds[1], err)
		}
		// The page shows what holds now.
		_, page = publicGet(t, link+"?lang=en")
		mustContain(t, page, `value="denied" id="w-survey-email-denied" checked`, `value="allowed" id="w-news-mastodon-allowed" checked`)
	})
	t.Run("DoNotContact", func(t *testing.T) {
		_, page := publicGet(t, link)
		shown := between(page, `name="shown" value="`, `"`)
		if status, _ := publicPost(t, link, url.Values{"shown": {shown}, "dnc": {"1"}}); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		tl, err := db.Timeline(ctx, conversation)
		if err != nil {
			t.Fatal(err)
		}
		dnc := tl.Contact.Wishes.DoNotContact()
		if dnc == nil || dnc.Wording != "Bitte kontaktieren Sie mich gar nicht. Auf Nachrichten, die ich Ihnen schreibe, dürfen Sie antworten." {
			t.Fatalf("do not contact %+v", dnc)
		}
	})
	t.Run("ErrWordingChangedMeanwhile", func(t *testing.T) {
		status, page := publicPost(t, link, url.Values{"shown": {"0123456789abcdef"}, "w-news-email": {"allowed"}})
		if status != http.StatusConflict || !strings.Contains(page, "Der Text dieser Seite hat sich gerade geändert.") {
			t.Fatalf("status %d:\n%s", status, page)
		}
	})
	t.Run("TamperedLinkIsRefusedClearly", func(t *testing.T) {
		token := strings.TrimPrefix(link, base+"/wishes/")
		other := strings.Replace(token, itoa(contact)+"-", itoa(contact+1)+"-", 1)
		flipped := token[:len(token)-1] + "0" // a signature one digit off
		if strings.HasSuffix(token, "0") {
			flipped = token[:len(token)-1] + "1"
		}
		for _, bad := range []string{other, flipped, "x", links.Token(linksign.Survey, contact, "de", time.Hour)} {
			status, page := publicGet(t, base+"/wishes/"+bad)
			if status != http.StatusNotFound || !strings.Contains(page, "This link is not valid") || strings.Contains(page, "k…@") {
				t.Fatalf("%s: status %d:\n%s", bad, status, page)
			}
			if status, _ := publicPost(t, base+"/wishes/"+bad, url.Values{"dnc": {"1"}}); status != http.StatusNotFound {
				t.Fatalf("post to %s: %d", bad, status)
			}
		}
	})
	t.Run("ExpiredLinkIsRefusedClearly", func(t *testing.T) {
		expired := links.Token(linksign.Wishes, contact, "en", -time.Minute)
		status, page := publicGet(t, base+"/wishes/"+expired)
		if status != http.StatusGone || !strings.Contains(page, "This link has expired") || !strings.Contains(page, "Our next message will bring a new link.") {
			t.Fatalf("status %d:\n%s", status, page)
		}
	})
}

func TestSurveyPage(t *testing.T) {
	var links *linksign.Signer
	base, db, _ := newTestServer(t, func(s *web.Server) { links = s.Links })
	ctx := context.Background()
	lead := loggedIn(t, base, db, "lea", resonanz.RoleLead)
	agent := loggedIn(t, base, db, "tom", resonanz.RoleAgent)
	account := &resonanz.ChannelAccount{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": "https://srv.example"}, Demo: true}
	if err := db.CreateChannelAccount(ctx, account); err != nil {
		t.Fatal(err)
	}
	in := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: "m1", AccountID: account.ID, Author: resonanz.Author{Handle: "@ben@srv.example", DisplayName: "Ben"},
		Text: "Thanks, where is my parcel?", Visibility: resonanz.Private, Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Language: resonanz.LangEnglish}}
	res, err := db.Ingest(ctx, []resonanz.IncomingMessage{in})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ConversationID
	path := "/conversations/" + itoa(id)

	t.Run("LeadsChooseTheQuestion", func(t *testing.T) {
		if status, _ := agent.get("/settings/surveys"); status != http.StatusForbidden {
			t.Fatalf("agent: %d", status)
		}
		if status, page := lead.post("/settings/surveys/choices", url.Values{"channel": {"mastodon"}, "question": {"nps"}}); status != http.StatusOK ||
			!strings.Contains(page, "NPS (0–10)") {
			t.Fatalf("status %d:\n%s", status, page)
		}
		status, page := lead.post("/settings/surveys", url.Values{"delay": {"60"}, "every": {"30"}, "ask_unknown": {"1"},
			"invite_de": {"Kein Platzhalter"}, "invite_en": {"x {link}"}, "footer_de": {"y {link}"}, "footer_en": {"z {link}"}})
		if status != http.StatusBadRequest || !strings.Contains(page, "The text needs the placeholder {link}.") || !strings.Contains(page, "Kein Platzhalter") {
			t.Fatalf("an invitation without {link}: %d", status)
		}
	})
	var sv *resonanz.Survey
	t.Run("SolvedThenSurveyed", func(t *testing.T) {
		solved := time.Now().Truncate(time.Millisecond)
		db.Now = func() time.Time { return solved }
		agent.post(path+"/update", url.Values{"status": {"solved"}})
		db.Now = time.Now
		c, err := db.FindConversationByID(ctx, id)
		if err != nil || c.Status != resonanz.StatusSolved {
			t.Fatalf("%+v, %v", c, err)
		}
		sv, err = db.SendDueSurvey(ctx, id, solved, survey.Decide)
		if err != nil || sv == nil || sv.Question != resonanz.QuestionNPS || sv.Language != resonanz.LangEnglish {
			t.Fatalf("survey %+v, %v", sv, err)
		}
		_, page := agent.get(path)
		mustContain(t, page, `id="survey-list"`, "NPS (0–10)", "no answer yet", `class="kind k-survey">survey</span>`)
	})
	link := links.SurveyLink(sv.ID, "en")
	t.Run("OneQuestionAButtonPerScore", func(t *testing.T) {
		status, page := publicGet(t, link)
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, "How likely are you to recommend us", `name="score" value="0"`, `name="score" value="10"`, `name="comment"`,
			`href="`+base+`/wishes/`)
		if strings.Contains(page, "<script") {
			t.Fatal("the survey page has a script")
		}
	})
	t.Run("ErrNoScore", func(t *testing.T) {
		status, page := publicPost(t, link, url.Values{"comment": {"Ohne Zahl"}})
		if status != http.StatusBadRequest || !strings.Contains(page, "Please choose one of the numbers.") || !strings.Contains(page, "Ohne Zahl") {
			t.Fatalf("status %d:\n%s", status, page)
		}
	})
	t.Run("OneClickAnswersAndALowScoreCallsTheLead", func(t *testing.T) {
		status, page := publicPost(t, link, url.Values{"score": {"3"}, "comment": {"Too slow."}})
		if status != http.StatusOK || !strings.Contains(page, "Thank you for your answer!") || !strings.Contains(page, `id="survey-score">3<`) {
			t.Fatalf("status %d:\n%s", status, page)
		}
		// A second click changes nothing.
		publicPost(t, link, url.Values{"score": {"10"}})
		list, err := db.ConversationSurveys(ctx, id)
		if err != nil || list[0].Score != 3 || list[0].Comment != "Too slow." {
			t.Fatalf("%+v, %v", list, err)
		}
		_, page = lead.get("/notifications")
		mustContain(t, page, "Low score 3 (NPS (0–10)) from Ben")
		_, page = agent.get(path)
		mustContain(t, page, `<strong class="score">3</strong>`, "Too slow.", "survey answered: 3 (NPS (0–10)) Too slow.")
	})
	t.Run("ResultsForLeads", func(t *testing.T) {
		_, page := lead.get("/settings/surveys")
		mustContain(t, page, `id="survey-results"`, "NPS -100")
	})
	t.Run("TamperedAndExpired", func(t *testing.T) {
		if status, page := publicGet(t, base+"/survey/"+links.Token(linksign.Wishes, sv.ID, "en", time.Hour)); status != http.StatusNotFound ||
			!strings.Contains(page, "This link is not valid") {
			t.Fatalf("a wishes token as a survey: %d", status)
		}
		if status, _ := publicPost(t, base+"/survey/"+links.Token(linksign.Survey, sv.ID, "en", -time.Second), url.Values{"score": {"1"}}); status != http.StatusGone {
			t.Fatalf("expired: %d", status)
		}
	})
	t.Run("SensitiveToggle", func(t *testing.T) {
		if status, page := agent.post(path+"/sensitive", url.Values{"sensitive": {"1"}}); status != http.StatusOK || !strings.Contains(page, `id="sensitive-badge"`) {
			t.Fatalf("status %d", status)
		}
	})
}
