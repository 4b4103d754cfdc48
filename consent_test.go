package resonanz

import (
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
	"time"
)

// wishCase is a random history of one contact's wishes and one message
// about to leave, for testing/quick.
type wishCase struct {
	History []*Wish
	Attempt ContactAttempt
	Policy  ConsentPolicy
}

var (
	allPurposes   = append([]string{PurposeContact}, Purposes...)
	someChannels  = []string{"", "mastodon", "email", "facebook", "forum"}
	sendChannels  = []string{"mastodon", "email", "form", "instore", "facebook", "forum"}
	caseStartTime = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
)

// Generate makes a history of up to 12 wishes on few purposes and channels,
// so that wishes meet and override each other often.
func (wishCase) Generate(r *rand.Rand, _ int) reflect.Value {
	c := wishCase{Policy: ConsentPolicy{SurveysUnknown: r.Intn(2) == 0}}
	for i := range r.Intn(13) {
		w := &Wish{ID: int64(i + 1), Purpose: allPurposes[r.Intn(len(allPurposes))], State: WishStates[r.Intn(len(WishStates))],
			SetAt: caseStartTime.Add(time.Duration(i) * time.Hour)}
		if w.Purpose != PurposeContact {
			w.Channel = someChannels[r.Intn(len(someChannels))]
		}
		c.History = append(c.History, w)
	}
	r.Shuffle(len(c.History), func(i, j int) { c.History[i], c.History[j] = c.History[j], c.History[i] })
	c.Attempt = ContactAttempt{Purpose: Purposes[r.Intn(len(Purposes))], Channel: sendChannels[r.Intn(len(sendChannels))], Direct: r.Intn(2) == 0}
	return reflect.ValueOf(c)
}

// latest is the state the newest wish of the history gives purpose on
// channel, "" if none does: read straight from the history, not from Wishes.
func (c wishCase) latest(purpose, channel string) (string, *Wish) {
	var found *Wish
	for _, w := range c.History {
		if w.Purpose == purpose && w.Channel == channel && (found == nil || w.ID > found.ID) {
			found = w
		}
	}
	if found == nil || found.State == WishUnknown {
		return "", found
	}
	return found.State, found
}

// Nothing leaves against a wish: whenever MayContact lets a message leave,
// no "no" in force covers its purpose on its channel, "do not contact" is
// not in force unless the message is a direct answer, and news leave only
// with a yes. And it is not stricter than asked: a service message nobody
// said anything against leaves.
func TestNothingLeavesAgainstAWish(t *testing.T) {
	property := func(c wishCase) bool {
		d := MayContact(NewWishes(c.History), c.Attempt, c.Policy)
		a := c.Attempt
		channel := WishChannel(a.Channel)
		onChannel, _ := c.latest(a.Purpose, channel)
		everywhere, _ := c.latest(a.Purpose, "")
		state := onChannel
		if state == "" {
			state = everywhere
		}
		dnc, _ := c.latest(PurposeContact, "")
		againstAWish := state == WishDenied || (dnc == WishDenied && !(a.Direct && a.Purpose == PurposeService))
		if d.Allowed && againstAWish {
			t.Logf("left against a wish: %+v → %+v", c, d)
			return false
		}
		if d.Allowed && a.Purpose == PurposeNews && state != WishAllowed {
			t.Logf("news without a yes: %+v → %+v", c, d)
			return false
		}
		if !d.Allowed && !againstAWish && a.Purpose == PurposeService {
			t.Logf("a service message held back without a wish against it: %+v → %+v", c, d)
			return false
		}
		if d.Channel != channel || d.Purpose != a.Purpose {
			t.Logf("decision about %s on %s, asked about %s on %s", d.Purpose, d.Channel, a.Purpose, channel)
			return false
		}
		return true
	}
	if err := quick.Check(property, &quick.Config{MaxCount: 20000, Rand: rand.New(rand.NewSource(15))}); err != nil {
		t.Fatal(err)
	}
}

func TestMayContactWording(t *testing.T) {
	dec3 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	dnc := &Wish{ID: 1, Purpose: PurposeContact, State: WishDenied, SetAt: dec3}
	noSurveys := &Wish{ID: 2, Purpose: PurposeSurvey, Channel: "email", State: WishDenied, SetAt: dec3}
	yesNews := &Wish{ID: 3, Purpose: PurposeNews, State: WishAllowed, SetAt: dec3}
	for _, tc := range []struct {
		history []*Wish
		attempt ContactAttempt
		policy  ConsentPolicy
		want    ConsentDecision
	}{
		{[]*Wish{dnc}, ContactAttempt{PurposeService, "mastodon", true}, ConsentPolicy{}, ConsentDecision{true, DecisionDirect, PurposeService, "mastodon", dec3, 1}},
		{[]*Wish{dnc}, ContactAttempt{PurposeService, "mastodon", false}, ConsentPolicy{}, ConsentDecision{false, DecisionDoNotContact, PurposeService, "mastodon", dec3, 1}},
		{[]*Wish{noSurveys}, ContactAttempt{PurposeSurvey, "form", false}, ConsentPolicy{true}, ConsentDecision{false, DecisionDeniedOn, PurposeSurvey, "email", dec3, 2}},
		{[]*Wish{noSurveys}, ContactAttempt{PurposeSurvey, "mastodon", false}, ConsentPolicy{true}, ConsentDecision{true, DecisionDefault, PurposeSurvey, "mastodon", time.Time{}, 0}},
		{nil, ContactAttempt{PurposeSurvey, "mastodon", false}, ConsentPolicy{false}, ConsentDecision{false, DecisionNotAgreed, PurposeSurvey, "mastodon", time.Time{}, 0}},
		{[]*Wish{yesNews}, ContactAttempt{PurposeNews, "email", false}, ConsentPolicy{}, ConsentDecision{true, DecisionAgreed, PurposeNews, "email", dec3, 3}},
		{nil, ContactAttempt{PurposeNews, "email", true}, ConsentPolicy{true}, ConsentDecision{false, DecisionNotAgreed, PurposeNews, "email", time.Time{}, 0}},
		{nil, ContactAttempt{"calls", "email", true}, ConsentPolicy{true}, ConsentDecision{false, DecisionNotAgreed, "calls", "email", time.Time{}, 0}},
	} {
		if got := MayContact(NewWishes(tc.history), tc.attempt, tc.policy); got != tc.want {
			t.Errorf("%+v:\n got %+v\nwant %+v", tc.attempt, got, tc.want)
		}
	}
	p := MayContact(NewWishes([]*Wish{noSurveys}), ContactAttempt{PurposeSurvey, "email", false}, ConsentPolicy{}).Params()
	if p["since"] != "2026-12-03T10:00:00Z" || p["rule"] != DecisionDeniedOn || p["purpose"] != PurposeSurvey || p["channel"] != "email" {
		t.Fatalf("params %v", p)
	}
}

func TestWishesInForce(t *testing.T) {
	old := &Wish{ID: 1, Purpose: PurposeSurvey, Channel: "email", State: WishDenied}
	newer := &Wish{ID: 5, Purpose: PurposeSurvey, Channel: "email", State: WishUnknown}
	every := &Wish{ID: 3, Purpose: PurposeSurvey, State: WishAllowed}
	dnc := &Wish{ID: 2, Purpose: PurposeContact, State: WishDenied}
	w := NewWishes([]*Wish{newer, every, old, dnc})
	if s, from := w.State(PurposeSurvey, "email"); s != WishAllowed || from != every {
		t.Fatalf("survey on email: %s from %+v (the channel's wish was taken back)", s, from)
	}
	if got := w.InForce(); len(got) != 2 || got[0] != dnc || got[1] != every {
		t.Fatalf("in force %v", got)
	}
	var none *Wishes
	if none.DoNotContact() != nil || len(none.InForce()) != 0 {
		t.Fatal("a nil Wishes says something")
	}
	if s, _ := none.State(PurposeNews, "email"); s != WishUnknown {
		t.Fatalf("nil wishes: %s", s)
	}
}

func TestWishChannels(t *testing.T) {
	got := WishChannels([]Identity{{Channel: "form"}, {Channel: "mastodon"}, {Channel: "email"}, {Channel: "instore"}})
	if !reflect.DeepEqual(got, []string{"email", "mastodon"}) {
		t.Fatalf("wish channels %v", got)
	}
	if IsWishChannel("form") || !IsWishChannel("email") || IsWishChannel("fax") {
		t.Fatal("IsWishChannel")
	}
}
