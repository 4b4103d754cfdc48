package demo

import (
	"cmp"
	"slices"
	"time"

	"github.com/resonanz/resonanz"
)

// customers is the number of people in Generate's data set; the stream
// starts with the same people and keeps adding new ones.
const customers = 600

// How many messages a person writes, from one to five. The weights put the
// data set at about two thousand messages.
var messagesPerPerson = cumulative([]int{18, 20, 22, 20, 20})

// Generate returns about 2,000 customer messages from the 30 days before end,
// sorted by time, including the complaint storm tagged StormHashtag. The
// same seed and end always give the same messages.
func Generate(seed int64, end time.Time) []resonanz.IncomingMessage {
	r := newRNG(seed, saltPlan, 0)
	endUnix := end.Unix()
	people := make([]person, customers)
	for i := range people {
		people[i] = newPerson(seed, i+1)
	}
	var drafts []*draft
	for i := range people {
		drafts = append(drafts, history(&r, &people[i], endUnix)...)
	}
	drafts = append(drafts, stormDrafts(&r, people, endUnix)...)
	slices.SortStableFunc(drafts, func(a, b *draft) int { return cmp.Compare(a.unix, b.unix) })

	// Numbering after sorting makes external ids grow with time, as they do
	// on real channels.
	var serial [numChannels]int
	for _, d := range drafts {
		serial[d.ch]++
		d.serial = serial[d.ch]
	}
	out := make([]resonanz.IncomingMessage, len(drafts))
	var buf []byte
	for i, d := range drafts {
		out[i], buf = render(buf[:0], d, 6)
	}
	return out
}

// history plans everything one person writes. Someone known on several
// channels uses each of them at least once.
func history(r *rng, p *person, end int64) []*draft {
	n := max(1+r.weighted(messagesPerPerson), p.nch)
	ds := make([]*draft, n)
	for k := range ds {
		ch := p.chans[r.intn(p.nch)]
		if k < p.nch {
			ch = p.chans[k]
		}
		d := fresh(r, p, ch, end)
		ds[k] = &d
	}
	slices.SortStableFunc(ds, func(a, b *draft) int { return cmp.Compare(a.unix, b.unix) })
	var last [numChannels]*draft
	for _, d := range ds {
		if prev := last[d.ch]; prev != nil && d.ch.replyable() && r.chance(40) {
			d.replyTo(prev)
		}
		last[d.ch] = d
	}
	return ds
}

// stormDrafts plans the episode: five days before end, from 09:00 UTC, about
// 150 people complain within four hours, most of them on mastodon, with the
// rush right after the start.
func stormDrafts(r *rng, people []person, end int64) []*draft {
	start := startOfDay(end-5*day) + 9*3600
	want := 140 + r.intn(21)
	order := make([]int, len(people))
	for i := range order {
		j := r.intn(i + 1)
		order[i], order[j] = order[j], i
	}
	var out []*draft
	for _, k := range order {
		if len(out) == want {
			break
		}
		p := &people[k]
		ch := p.chans[0]
		switch {
		case p.has(mastodon) && r.chance(90):
			ch = mastodon
		case !p.has(mastodon) && !r.chance(25):
			continue
		}
		if ch == instore {
			// Staff notes are not where an app outrage shows up.
			ch = email
		}
		d := fresh(r, p, ch, end)
		d.tp = storm
		d.unix = start + int64(min(r.intn(4*3600), r.intn(4*3600)))
		out = append(out, &d)
	}
	return out
}
