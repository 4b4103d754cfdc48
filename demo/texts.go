package demo

import (
	"time"

	"github.com/resonanz/resonanz"
)

// Texts is an endless stream of messages for load tests, written with the
// same people, templates and rhythm as Generate. It is safe for concurrent
// use.
type Texts struct {
	seed int64
	end  int64
}

// NewTexts returns the stream for seed; its messages lie in the 30 days
// before end.
func NewTexts(seed int64, end time.Time) *Texts {
	return &Texts{seed: seed, end: end.Unix()}
}

// Message returns the i-th message (i ≥ 0) of the stream. It depends only on
// the seed, end and i, so messages can be made in any order or in parallel;
// its external id is unique for each i.
func (t *Texts) Message(i int) resonanz.IncomingMessage {
	d, parent, delay := t.draft(i)
	// A follow-up answers a recent message, unless that one is a follow-up
	// itself; reading only the parent's draft keeps the cost constant.
	if parent >= 0 {
		if pd, grand, _ := t.draft(parent); grand < 0 && pd.ch.replyable() {
			d.p, d.ch = pd.p, pd.ch
			d.replyTo(&pd)
			d.unix = min(pd.unix+delay, t.end)
		}
	}
	// Longer than nearly every message, and append moves to the heap for the rest.
	var buf [768]byte
	m, _ := render(buf[:0], &d, 9)
	return m
}

// draft plans message i and says which earlier message, if any, it wants to
// follow up on and how long after it.
func (t *Texts) draft(i int) (d draft, parent int, delay int64) {
	r := newRNG(t.seed, saltMessage, uint64(i))
	// The crowd grows with the stream so that people write a few times each
	// rather than a thousand.
	p := newPerson(t.seed, 1+r.intn(customers+i/4))
	d = fresh(&r, &p, p.chans[r.intn(p.nch)], t.end)
	d.serial = i
	parent = -1
	if i > 0 && r.chance(15) {
		parent = i - 1 - r.intn(min(i, 64))
	}
	delay = int64(3600 + r.intn(3*day))
	return d, parent, delay
}
