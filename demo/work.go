package demo

import (
	"context"
	"time"

	"github.com/resonanz/resonanz"
)

// workedCase is one conversation of the demo: when its customer wrote first
// and last, and its number, which decides what the demo's people do with it.
type workedCase struct {
	id          int64
	first, last time.Time
	public      bool
	english     bool
	n           int
}

// gatherCases gathers the conversations of the demo's messages in the order they began.
func gatherCases(msgs []resonanz.IncomingMessage, results []resonanz.IngestResult) []*workedCase {
	byID := map[int64]*workedCase{}
	var cases []*workedCase
	for i, res := range results {
		if res.Duplicate {
			continue
		}
		c := byID[res.ConversationID]
		if c == nil {
			c = &workedCase{id: res.ConversationID, first: msgs[i].Time, n: len(cases),
				public: msgs[i].Visibility == resonanz.Public, english: msgs[i].Analysis.Language == resonanz.LangEnglish}
			byID[c.id] = c
			cases = append(cases, c)
		}
		c.last = msgs[i].Time
	}
	return cases
}

// shift works the demo's conversations as its people would have, each
// step at the time it would have happened: most cases answered within their
// goals and solved a day later, some answered late, a few waiting
// unanswered past their goal; promises kept, broken or still open; goodwill
// granted, approved, rejected or waiting for approval; customers' contact
// wishes; surveys after solved Mastodon cases, most of them answered.
type shift struct {
	ctx    context.Context
	db     Store
	now    time.Time
	lead   *resonanz.User
	agents []*resonanz.User
}

// at makes what the store does next happen at t.
func (s *shift) at(t time.Time) { s.db.SetClock(func() time.Time { return t }) }

// workConversations gives the demo the look of an inbox in use. The
// routing rules, run when the server starts, give the cases their teams
// and the rest of the owners; clocks already past their goal are missed then.
func workConversations(ctx context.Context, db Store, msgs []resonanz.IncomingMessage, results []resonanz.IngestResult,
	users []*resonanz.User) error {
	defer db.SetClock(time.Now)
	s := &shift{ctx: ctx, db: db, now: time.Now(), lead: users[1], agents: users[2:]}
	cases := gatherCases(msgs, results)
	for i, c := range cases {
		if i == len(cases)/2 {
			if err := switchToNPS(ctx, db, s.lead); err != nil {
				return err
			}
		}
		if err := s.work(c); err != nil {
			return err
		}
	}
	return nil
}

// answerDelay is how long after the customer's last message the case was answered.
func answerDelay(n int) time.Duration {
	if n%9 == 0 {
		return 11 * time.Hour // late for every goal
	}
	return time.Duration(10+n*37%170) * time.Minute
}

func (s *shift) work(c *workedCase) error {
	agent := s.agents[c.n%len(s.agents)]
	if err := s.wishes(c, agent); err != nil {
		return err
	}
	if c.n%3 != 0 {
		s.at(c.first.Add(5 * time.Minute))
		if err := s.db.UpdateConversation(s.ctx, c.id, s.lead, resonanz.ConversationUpdate{OwnerID: &agent.ID}); err != nil {
			return err
		}
	}
	if c.n%23 == 0 && s.now.Sub(c.first) > 12*time.Hour {
		return nil // waits for an answer, past its goal
	}
	replied := c.first.Add(answerDelay(c.n))
	if replied.After(s.now) {
		return nil // fresh: waits for an answer
	}
	if err := s.answer(c, agent, replied); err != nil {
		return err
	}
	if c.last.After(replied) { // the customer wrote again
		replied = c.last.Add(answerDelay(c.n + 1))
		if replied.After(s.now) {
			return nil
		}
		if err := s.answer(c, agent, replied); err != nil {
			return err
		}
	}
	if c.n%11 == 0 {
		s.at(replied.Add(2 * time.Minute))
		if err := s.db.AddNote(s.ctx, c.id, agent, "Kunde schon zweimal vertröstet – bitte bevorzugt behandeln."); err != nil {
			return err
		}
	}
	if err := s.followUp(c, agent, replied); err != nil {
		return err
	}
	solved := replied.Add(20 * time.Hour)
	if c.n%4 == 0 || solved.After(s.now) {
		return nil // waits for the customer
	}
	status := resonanz.StatusSolved
	if c.n%5 == 0 {
		status = resonanz.StatusClosed
	}
	s.at(solved)
	if err := s.db.UpdateConversation(s.ctx, c.id, agent, resonanz.ConversationUpdate{Status: &status}); err != nil {
		return err
	}
	if status != resonanz.StatusSolved {
		return nil
	}
	return s.survey(c, solved)
}

// answer replies to the case at t, in the customer's language.
func (s *shift) answer(c *workedCase, agent *resonanz.User, t time.Time) error {
	s.at(t)
	text := "Danke für Ihre Nachricht! Wir kümmern uns darum und melden uns bis morgen."
	if c.english {
		text = "Thank you for your message! We are looking into it and will get back to you by tomorrow."
	}
	_, err := s.db.Reply(s.ctx, c.id, agent, text, c.public)
	return err
}

// followUp records the promises and goodwill of a case answered at replied.
func (s *shift) followUp(c *workedCase, agent *resonanz.User, replied time.Time) error {
	if c.n%13 == 0 {
		if err := s.promise(c, agent, replied); err != nil {
			return err
		}
	}
	if c.n%10 == 0 {
		s.at(replied.Add(3 * time.Minute))
		g := &resonanz.GoodwillGrant{ConversationID: c.id, Kind: resonanz.GoodwillVoucher, Amount: int64(1000 + c.n%2*500),
			Reason: "Lieferung verspätet"}
		if err := s.db.GrantGoodwill(s.ctx, g, agent); err != nil {
			return err
		}
	}
	if c.n%29 == 0 {
		return s.askForGoodwill(c, agent, replied)
	}
	return nil
}

// promise records a promise at the reply and, once due, keeps or breaks it
// or, one time in three, leaves it open and overdue.
func (s *shift) promise(c *workedCase, agent *resonanz.User, replied time.Time) error {
	s.at(replied.Add(time.Minute))
	p := &resonanz.Promise{ConversationID: c.id, Text: "Gutschrift bis morgen Abend", DueAt: replied.Add(26 * time.Hour), OwnerID: agent.ID}
	if err := s.db.AddPromise(s.ctx, p, agent); err != nil {
		return err
	}
	switch {
	case p.DueAt.After(s.now):
		return nil
	case c.n/13%3 == 0:
		s.at(p.DueAt.Add(-3 * time.Hour))
		return s.db.KeepPromise(s.ctx, p.ID, agent)
	case c.n/13%3 == 1:
		s.at(p.DueAt.Add(2 * time.Hour))
		return s.db.BreakPromise(s.ctx, p.ID, agent, "Die Buchhaltung war im Urlaub.")
	}
	return nil
}

// askForGoodwill requests a refund above the agent's limit; the lead
// approves it, rejects it, or has not decided yet.
func (s *shift) askForGoodwill(c *workedCase, agent *resonanz.User, replied time.Time) error {
	s.at(replied.Add(4 * time.Minute))
	g := &resonanz.GoodwillGrant{ConversationID: c.id, Kind: resonanz.GoodwillRefund, Amount: 3500, Reason: "Gerät nach zwei Wochen defekt"}
	if err := s.db.GrantGoodwill(s.ctx, g, agent); err != nil {
		return err
	}
	decided := replied.Add(3 * time.Hour)
	if g.State != resonanz.GoodwillPending || decided.After(s.now) {
		return nil
	}
	s.at(decided)
	switch c.n / 29 % 3 {
	case 0:
		return s.db.DecideGoodwill(s.ctx, g.ID, s.lead, true, "Stammkundin, passt.")
	case 1:
		return s.db.DecideGoodwill(s.ctx, g.ID, s.lead, false, "Schaden durch Sturz, keine Kulanz.")
	}
	return nil
}
