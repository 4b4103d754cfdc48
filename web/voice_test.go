package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
)

// logInExisting logs a user in through the login form.
func logInExisting(t *testing.T, base string, u *resonanz.User) *uiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &uiClient{t: t, base: base, http: &http.Client{Jar: jar}}
	_, page := c.get("/login")
	c.csrf = csrfToken(t, page)
	if status, page := c.post("/login", url.Values{"login": {u.Login}, "password": {"correct horse battery"}}); status != http.StatusOK {
		t.Fatalf("login answered %d: %s", status, page)
	}
	_, page = c.get("/")
	c.csrf = csrfToken(t, page)
	return c
}

// voiceWorld is two teams with praise on each wall and one suggestion.
type voiceWorld struct {
	ann, kai, lea    *resonanz.User
	versand, kasse   *resonanz.Team
	suggestion       int64
	praiseForVersand string
	praiseForKasse   string
}

func newVoiceWorld(t *testing.T, db *store.DB) voiceWorld {
	t.Helper()
	ctx := context.Background()
	w := voiceWorld{ann: addUser(t, db, "ann", resonanz.RoleAgent), kai: addUser(t, db, "kai", resonanz.RoleAgent), lea: addUser(t, db, "lea", resonanz.RoleLead),
		praiseForVersand: "Das Paket kam einen Tag früher, danke!", praiseForKasse: "Die Erstattung ging blitzschnell"}
	var err error
	if w.versand, err = db.CreateTeam(ctx, "Versand"); err != nil {
		t.Fatal(err)
	}
	if w.kasse, err = db.CreateTeam(ctx, "Kasse"); err != nil {
		t.Fatal(err)
	}
	w.versand.Members, w.kasse.Members = []int64{w.ann.ID}, []int64{w.kai.ID}
	for _, team := range []*resonanz.Team{w.versand, w.kasse} {
		if err := db.SaveTeam(ctx, team); err != nil {
			t.Fatal(err)
		}
	}
	say := func(id, kind, text string, team *resonanz.Team) {
		m := resonanz.IncomingMessage{Channel: "mastodon", ExternalID: id, Author: resonanz.Author{Handle: "@" + id + "@example.social"},
			Text: text, Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Kind: kind}}
		res, err := db.Ingest(ctx, []resonanz.IncomingMessage{m})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateConversation(ctx, res[0].ConversationID, w.lea, resonanz.ConversationUpdate{TeamID: &team.ID}); err != nil {
			t.Fatal(err)
		}
	}
	say("v1", resonanz.KindPraise, w.praiseForVersand, w.versand)
	say("k1", resonanz.KindPraise, w.praiseForKasse, w.kasse)
	say("s1", resonanz.KindSuggestion, "Bitte Lieferung auch samstags", w.versand)
	if _, err := db.CollectVoice(ctx, 100); err != nil {
		t.Fatal(err)
	}
	list, err := db.Suggestions(ctx, 0)
	if err != nil || len(list) != 1 {
		t.Fatalf("suggestions = %v, %v", list, err)
	}
	w.suggestion = list[0].ID
	return w
}

func TestPraiseWallsByTeam(t *testing.T) {
	base, db, _ := newTestServer(t)
	w := newVoiceWorld(t, db)
	ann, lea := logInExisting(t, base, w.ann), logInExisting(t, base, w.lea)

	t.Run("AgentSeesTheirTeamsWall", func(t *testing.T) {
		status, page := ann.get("/praise")
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, w.praiseForVersand)
		if strings.Contains(page, w.praiseForKasse) {
			t.Error("Ann sees the praise of the Kasse team she does not belong to")
		}
	})
	t.Run("AgentIsRefusedAnotherTeamsWall", func(t *testing.T) {
		status, page := ann.get("/praise/" + itoa(w.kasse.ID))
		if status != http.StatusForbidden || strings.Contains(page, w.praiseForKasse) {
			t.Errorf("status %d; the page shows the other team's praise: %v", status, strings.Contains(page, w.praiseForKasse))
		}
	})
	t.Run("AgentMarksPraiseByHandForAColleague", func(t *testing.T) {
		s, err := db.FindSuggestion(context.Background(), w.suggestion)
		if err != nil {
			t.Fatal(err)
		}
		msg := s.Messages[0]
		status, page := ann.post("/messages/"+itoa(msg.MessageID)+"/praise", url.Values{"user": {itoa(w.ann.ID)}})
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		mustContain(t, page, "★ for ann", "marked as praise for ann")
		_, page = ann.get("/praise")
		mustContain(t, page, msg.Text)
	})
	t.Run("LeadSeesEveryWall", func(t *testing.T) {
		_, page := lea.get("/praise/" + itoa(w.kasse.ID))
		mustContain(t, page, w.praiseForKasse)
		_, page = lea.get("/praise/" + itoa(w.versand.ID))
		mustContain(t, page, w.praiseForVersand)
	})
}

func TestOnlyLeadsChangeSuggestionStatus(t *testing.T) {
	base, db, _ := newTestServer(t)
	w := newVoiceWorld(t, db)
	ann, lea := logInExisting(t, base, w.ann), logInExisting(t, base, w.lea)
	status := func() string {
		s, err := db.FindSuggestion(context.Background(), w.suggestion)
		if err != nil {
			t.Fatal(err)
		}
		return s.Status
	}
	path := "/suggestions/" + itoa(w.suggestion) + "/status"

	_, page := ann.get("/suggestions")
	mustContain(t, page, "Bitte Lieferung auch samstags")
	if strings.Contains(page, `action="`+path+`"`) {
		t.Error("an agent is offered the status form")
	}
	if code, _ := ann.post(path, url.Values{"status": {resonanz.SuggestionPlanned}}); code != http.StatusForbidden || status() != resonanz.SuggestionNew {
		t.Errorf("an agent's change answered %d and left the status %q", code, status())
	}
	if code, page := lea.post(path, url.Values{"status": {resonanz.SuggestionDone}}); code != http.StatusOK || status() != resonanz.SuggestionDone {
		t.Fatalf("a lead's change answered %d and left the status %q", code, status())
	} else {
		mustContain(t, page, "The notice would reach 1 customer(s); 0 left out")
	}
}

// TestBoardShowsTheRecentEntries: a board nobody triages grows with every
// suggestion; the page shows the most recently changed entries, says so,
// and offers each shown entry once to merge into, by its number.
func TestBoardShowsTheRecentEntries(t *testing.T) {
	base, db, _ := newTestServer(t)
	w := newVoiceWorld(t, db)
	lea := logInExisting(t, base, w.lea)
	ctx := context.Background()
	const boardShows = 300 // the most recently changed entries the board shows
	var msgs []resonanz.IncomingMessage
	for i := range boardShows + 5 {
		msgs = append(msgs, resonanz.IncomingMessage{Channel: "mastodon", ExternalID: fmt.Sprintf("wish%d", i),
			Author: resonanz.Author{Handle: fmt.Sprintf("@wish%d@example.social", i)}, Text: fmt.Sprintf("Wunsch Nummer %d: Parkplätze vor der Filiale", i),
			Visibility: resonanz.Public, Time: time.Now().Add(-time.Hour), Analysis: resonanz.Analysis{Kind: resonanz.KindSuggestion}})
	}
	if _, err := db.Ingest(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	for {
		n, err := db.CollectVoice(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	list, err := db.Suggestions(ctx, 1)
	if err != nil || len(list) != 1 || list[0].SimilarTo == 0 {
		t.Fatalf("newest entry %v, %v: want one hinted as similar", list, err)
	}
	newest := list[0]

	_, page := lea.get("/suggestions")
	if n := strings.Count(page, `<li class="suggestion status-`); n != boardShows {
		t.Errorf("the board shows %d entries, want the %d most recently changed", n, boardShows)
	}
	mustContain(t, page, fmt.Sprintf("Showing the %d most recently changed entries", boardShows), newest.Messages[0].Text)
	if strings.Contains(page, "Bitte Lieferung auch samstags") {
		t.Error("the oldest entry is shown beyond the newest ones")
	}
	if n := strings.Count(page, "<option value="); n != boardShows+len(resonanz.SuggestionStatuses)*boardShows {
		t.Errorf("the page has %d options, want each entry once to merge into and the statuses of each", n)
	}
	mustContain(t, page, fmt.Sprintf(`id="suggestion-%d"`, newest.ID),
		fmt.Sprintf(`class="suggestion-merge-into"`+"\n          "+`value="%d"`, newest.SimilarTo))
}
