package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/store"
	"github.com/resonanz/resonanz/survey"
)

// wishModel is the test's own account of what each contact wants, kept
// step by step as the test states wishes, and of whose turn it is in each
// conversation: the spec the store is held to.
type wishModel struct {
	wishes     map[int64]map[[2]string]string // contact -> (purpose, channel) -> state
	askUnknown bool
}

// wishChannelOf is where a message on channel reaches the customer: form and
// kiosk replies go by email.
func wishChannelOf(channel string) string {
	if channel == "form" || channel == "instore" {
		return "email"
	}
	return channel
}

func (m *wishModel) set(contact int64, purpose, channel, state string) {
	if m.wishes[contact] == nil {
		m.wishes[contact] = map[[2]string]string{}
	}
	m.wishes[contact][[2]string{purpose, channel}] = state
}

// may tells whether a message may leave: never against a "no" to its
// purpose on its channel (or, where the channel has no wish, on every
// channel), never past "do not contact" unless it answers the customer's
// own message, news only with a yes, surveys without a wish as the leads say.
func (m *wishModel) may(contact int64, purpose, channel string, direct bool) bool {
	w := m.wishes[contact]
	state := w[[2]string{purpose, wishChannelOf(channel)}]
	if state == "" || state == resonanz.WishUnknown {
		state = w[[2]string{purpose, ""}]
	}
	switch {
	case state == resonanz.WishDenied:
		return false
	case w[[2]string{resonanz.PurposeContact, ""}] == resonanz.WishDenied:
		return direct && purpose == resonanz.PurposeService
	case state == resonanz.WishAllowed:
		return true
	}
	return purpose == resonanz.PurposeService || purpose == resonanz.PurposeSurvey && m.askUnknown
}

type modelConversation struct {
	first       resonanz.IncomingMessage // the customer's first message, the pattern of the next
	id, contact int64
	channel     string
	lastIn      string // external id of the customer's latest message
	turn        bool   // the customer wrote after the company's last message
}

// Over random contacts on random channels, random wishes stated by agents
// and by customers, and random replies, notices, surveys and bulk replies,
// nothing is queued against a wish, nothing the wishes allow is refused,
// and at the end no outbox entry was queued while a wish against it was in
// force (read back from the stored history alone).
func TestNothingQueuedAgainstAWish(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			contract(t, func(t *testing.T, db *store.DB) { wishWalk(t, db, seed, 250) })
		})
	}
}

func wishWalk(t *testing.T, db *store.DB, seed int64, steps int) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(seed))
	now := t0
	db.Now = func() time.Time { return now }
	db.Links = testLinks{}
	agent := mustUser(t, db, "tom", resonanz.RoleAgent)
	lead := mustUser(t, db, "lea", resonanz.RoleLead)
	accounts := map[string]int64{}
	for _, a := range []*resonanz.ChannelAccount{
		{Kind: "mastodon", Name: "Brand", Settings: map[string]string{"server": "https://srv.example"}},
		{Kind: "email", Name: "Mail", Settings: map[string]string{}},
		{Kind: "form", Name: "Kontakt", Settings: map[string]string{"slug": "kontakt"}},
	} {
		if err := db.CreateChannelAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
		accounts[a.Kind] = a.ID
	}
	if err := db.SaveSurveyChoice(ctx, &resonanz.SurveyChoice{Question: resonanz.QuestionCSAT}, lead); err != nil {
		t.Fatal(err)
	}
	settings, err := db.SurveySettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.Every, settings.AskUnknown = 1, seed%2 == 1
	if err := db.SaveSurveySettings(ctx, settings, lead); err != nil {
		t.Fatal(err)
	}
	model := &wishModel{wishes: map[int64]map[[2]string]string{}, askUnknown: settings.AskUnknown}

	// Twelve people with one or two handles on Mastodon, email and the web form.
	var msgs []resonanz.IncomingMessage
	for p := range 12 {
		channels := []string{"mastodon", "email", "form"}
		rng.Shuffle(len(channels), func(i, j int) { channels[i], channels[j] = channels[j], channels[i] })
		for _, ch := range channels[:1+rng.Intn(2)] {
			handle := fmt.Sprintf("p%d@example.org", p)
			if ch == "mastodon" {
				handle = fmt.Sprintf("@p%d@srv.example", p)
			}
			m := resonanz.IncomingMessage{Channel: ch, ExternalID: fmt.Sprintf("%s-p%d-0", ch, p), AccountID: accounts[ch], Visibility: resonanz.Private,
				Author: resonanz.Author{Handle: handle, DisplayName: fmt.Sprintf("Person %d", p), CustomerRef: fmt.Sprintf("p%d@example.org", p)},
				Text:   "Warenkorb leer!", Time: now.Add(time.Duration(len(msgs)) * time.Second)}
			if ch == "form" {
				m.AccountID = accounts["form"]
			}
			msgs = append(msgs, m)
		}
	}
	res := mustIngest(t, db, msgs...)
	var convs []*modelConversation
	byID := map[int64]*modelConversation{}
	var linked []int64
	bulkTarget := map[int64]int64{} // contact -> conversation of their latest message in the alert
	for i, r := range res {
		c, err := db.FindConversationByID(ctx, r.ConversationID)
		if err != nil {
			t.Fatal(err)
		}
		mc := &modelConversation{first: msgs[i], id: c.ID, contact: c.ContactID, channel: c.Channel, lastIn: msgs[i].ExternalID, turn: true}
		convs, byID[c.ID] = append(convs, mc), mc
		linked = append(linked, r.MessageID)
		bulkTarget[c.ContactID] = c.ID
	}
	alert := &resonanz.Alert{Key: "app", Severity: 3, Count: len(msgs), Window: time.Hour, Channels: 3, Authors: 12, FirstSeen: t0, LastSeen: t0}
	if err := db.SaveAlert(ctx, alert); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkAlertMessages(ctx, alert.ID, linked); err != nil {
		t.Fatal(err)
	}

	seen := 0 // outbox entries checked so far
	newEntries := func() []store.OutboxEntry {
		t.Helper()
		all, err := store.Outbox(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		fresh := all[seen:]
		seen = len(all)
		return fresh
	}
	wishChannels := []string{"", "mastodon", "email", "facebook"}
	randomWish := func() resonanz.Wish {
		purposes := append([]string{resonanz.PurposeContact}, resonanz.Purposes...)
		w := resonanz.Wish{Purpose: purposes[rng.Intn(len(purposes))], State: resonanz.WishStates[rng.Intn(3)]}
		if w.Purpose != resonanz.PurposeContact {
			w.Channel = wishChannels[rng.Intn(len(wishChannels))]
		}
		return w
	}
	counts := map[string]int{}
	for step := range steps {
		now = now.Add(time.Duration(1+rng.Intn(600)) * time.Minute)
		c := convs[rng.Intn(len(convs))]
		where := fmt.Sprintf("step %d, conversation %d (%s)", step, c.id, c.channel)
		switch action := rng.Intn(10); {
		case action < 2: // an agent takes down a wish
			w := randomWish()
			w.Reason = "am Telefon"
			if err := db.RecordWish(ctx, c.id, agent, w); err != nil {
				t.Fatalf("%s: record %+v: %v", where, w, err)
			}
			model.set(c.contact, w.Purpose, w.Channel, w.State)
			counts["wish by agent"]++
		case action < 3: // the customer on their wishes page
			var ws []resonanz.Wish
			for range 1 + rng.Intn(3) {
				w := randomWish()
				w.Wording, w.Language = "So habe ich es angekreuzt.", "de"
				ws = append(ws, w)
			}
			if _, err := db.SetOwnWishes(ctx, c.contact, ws); err != nil {
				t.Fatalf("%s: own wishes: %v", where, err)
			}
			for _, w := range ws {
				model.set(c.contact, w.Purpose, w.Channel, w.State)
			}
			counts["wish by customer"]++
		case action < 5: // the customer writes again in the thread
			in := c.first
			in.ExternalID, in.ReplyTo, in.Time = fmt.Sprintf("%s-%d", in.ExternalID, step), c.lastIn, now
			got := mustIngest(t, db, in)
			if got[0].ConversationID != c.id {
				t.Fatalf("%s: the customer's message went to conversation %d", where, got[0].ConversationID)
			}
			c.lastIn, c.turn = in.ExternalID, true
			counts["customer writes"]++
		case action < 7: // an agent replies
			want := model.may(c.contact, resonanz.PurposeService, c.channel, c.turn)
			_, err := db.SendReply(ctx, c.id, agent, resonanz.ReplyDraft{Parts: []string{"Wir kümmern uns."}})
			checkAttempt(t, where+" reply", want, err)
			queued := newEntries()
			if want != (len(queued) == 1) {
				t.Fatalf("%s: reply allowed %v, queued %d", where, want, len(queued))
			}
			if want {
				c.turn = false
				counts["reply queued"]++
			} else {
				counts["reply refused"]++
			}
		case action < 8: // a notice the company sends of its own accord
			purpose := []string{resonanz.PurposeService, resonanz.PurposeNews}[rng.Intn(2)]
			want := model.may(c.contact, purpose, c.channel, false)
			_, err := db.SendNotice(ctx, c.id, agent, purpose, "Neues von uns.")
			checkAttempt(t, where+" "+purpose+" notice", want, err)
			if queued := newEntries(); want != (len(queued) == 1) {
				t.Fatalf("%s: notice allowed %v, queued %d", where, want, len(queued))
			}
			if want {
				c.turn = false
				counts[purpose+" notice queued"]++
			} else {
				counts[purpose+" notice refused"]++
			}
		case action < 9: // solved: the survey job
			solved := resonanz.StatusSolved
			if err := db.UpdateConversation(ctx, c.id, agent, resonanz.ConversationUpdate{Status: &solved}); err != nil {
				t.Fatal(err)
			}
			s, err := db.SendDueSurvey(ctx, c.id, now, survey.Decide)
			if err != nil {
				t.Fatalf("%s: survey: %v", where, err)
			}
			queued := newEntries()
			if s != nil && !model.may(c.contact, resonanz.PurposeSurvey, c.channel, false) {
				t.Fatalf("%s: a survey left against a wish: %+v", where, model.wishes[c.contact])
			}
			if (s != nil) != (len(queued) == 1) {
				t.Fatalf("%s: survey %+v, queued %d", where, s, len(queued))
			}
			if s != nil {
				c.turn = false
				counts["survey queued"]++
			} else {
				counts["no survey"]++
			}
		default: // a bulk reply from the crisis room
			want := map[int64]bool{}
			anyone := false
			for contact, conv := range bulkTarget {
				want[conv] = model.may(contact, resonanz.PurposeService, byID[conv].channel, false)
				anyone = anyone || want[conv]
			}
			br, err := db.SendBulkReply(ctx, alert.ID, agent, everyVariant("Hallo {name}, wir kümmern uns."), fmt.Sprint("nonce-", step))
			if !anyone {
				if resonanz.ErrorCode(err) != resonanz.ECONFLICT {
					t.Fatalf("%s: a bulk reply to nobody: %v", where, err)
				}
				counts["bulk to nobody"]++
				continue
			} else if err != nil {
				t.Fatalf("%s: bulk reply: %v", where, err)
			}
			got := map[int64]bool{}
			for _, e := range newEntries() {
				got[e.ConversationID] = true
			}
			for conv, may := range want {
				if got[conv] != may {
					t.Fatalf("%s: bulk reply to conversation %d: allowed %v, queued %v", where, conv, may, got[conv])
				}
				if may {
					byID[conv].turn = false
				}
			}
			counts["bulk reply"]++
			counts["bulk skipped"] += br.Skipped
		}
	}
	t.Logf("seed %d: %v", seed, counts)
	for _, what := range []string{"reply queued", "reply refused", "survey queued", "bulk reply"} {
		if counts[what] == 0 {
			t.Errorf("the walk never saw %q: it proves little", what)
		}
	}
	checkOutboxAgainstHistory(t, db)
}

// checkAttempt compares a refusal with what the model wants.
func checkAttempt(t *testing.T, where string, want bool, err error) {
	t.Helper()
	switch {
	case want && err != nil:
		t.Fatalf("%s: refused although the wishes allow it: %v", where, err)
	case !want && err == nil:
		t.Fatalf("%s: queued against a wish", where)
	case !want && resonanz.ErrorCode(err) != resonanz.EFORBIDDEN:
		t.Fatalf("%s: %v, want EFORBIDDEN", where, err)
	}
}

// checkOutboxAgainstHistory reads every outbox entry and each contact's
// stored wish history, and finds no entry queued while a wish against it
// was in force; an entry let through as a direct answer must answer a
// customer message that came after the company's message before it.
func checkOutboxAgainstHistory(t *testing.T, db *store.DB) {
	ctx := context.Background()
	entries, err := store.Outbox(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	histories := map[int64][]*resonanz.Wish{}
	timelines := map[int64]*resonanz.Timeline{}
	for _, e := range entries {
		item, err := db.FindOutboxItem(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		tl := timelines[e.ConversationID]
		if tl == nil {
			if tl, err = db.Timeline(ctx, e.ConversationID); err != nil {
				t.Fatal(err)
			}
			timelines[e.ConversationID] = tl
		}
		contact := tl.Conversation.ContactID
		if histories[contact] == nil {
			cw, err := db.ContactWishes(ctx, contact)
			if err != nil {
				t.Fatal(err)
			}
			histories[contact] = cw.History
		}
		var then []*resonanz.Wish
		for _, w := range histories[contact] {
			if w.SetAt.Before(item.CreatedAt) {
				then = append(then, w)
			}
		}
		direct := item.Consent == resonanz.DecisionDirect
		if direct && !answersCustomer(tl, e.ConversationID, e.MessageID) {
			t.Fatalf("outbox %d passed as a direct answer, but the customer had not written since the company's last message", e.ID)
		}
		if direct && item.Kind != resonanz.OutboundReply {
			t.Fatalf("outbox %d: a %s passed as a direct answer", e.ID, item.Kind)
		}
		against := wishAgainst(then, item.Purpose, wishChannelOf(item.Channel), direct)
		if against != nil {
			t.Fatalf("outbox %d (%s, %s on %s) was queued at %s against the wish %+v", e.ID, item.Kind, item.Purpose, item.Channel,
				item.CreatedAt.Format(time.RFC3339), against)
		}
	}
	if len(entries) == 0 {
		t.Fatal("nothing was queued at all")
	}
}

// wishAgainst returns the wish of the history that rules a message out, nil if none.
func wishAgainst(history []*resonanz.Wish, purpose, channel string, direct bool) *resonanz.Wish {
	latest := func(p, ch string) *resonanz.Wish {
		var found *resonanz.Wish
		for _, w := range history {
			if w.Purpose == p && w.Channel == ch && (found == nil || w.ID > found.ID) {
				found = w
			}
		}
		if found != nil && found.State == resonanz.WishUnknown {
			return nil
		}
		return found
	}
	w := latest(purpose, channel)
	if w == nil {
		w = latest(purpose, "")
	}
	if w != nil && w.State == resonanz.WishDenied {
		return w
	}
	if dnc := latest(resonanz.PurposeContact, ""); dnc != nil && dnc.State == resonanz.WishDenied && !(direct && purpose == resonanz.PurposeService) {
		return dnc
	}
	if purpose == resonanz.PurposeNews && (w == nil || w.State != resonanz.WishAllowed) {
		return &resonanz.Wish{Purpose: purpose, Channel: channel, State: "no yes to news"}
	}
	return nil
}

// answersCustomer reports whether a customer message of the conversation
// came in, or was written, after the company's message before messageID.
func answersCustomer(tl *resonanz.Timeline, conversationID, messageID int64) bool {
	var last *resonanz.Message
	var in []*resonanz.Message
	for _, e := range tl.Entries {
		m := e.Message
		switch {
		case m == nil || m.ConversationID != conversationID || m.ID >= messageID:
		case m.Direction == "in":
			in = append(in, m)
		case last == nil || m.ID > last.ID:
			last = m
		}
	}
	for _, m := range in {
		if last == nil || m.ID > last.ID || m.SentAt.After(last.SentAt) {
			return true
		}
	}
	return false
}

// everyVariant is a bulk reply draft with text for every customer.
func everyVariant(text string) resonanz.BulkDraft {
	d := resonanz.BulkDraft{Templates: map[string]string{}}
	for _, v := range resonanz.BulkVariants {
		d.Templates[v] = text
	}
	return d
}
