package demo

import (
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

type channel uint8

// The order matches resonanz.Channels.
const (
	mastodon channel = iota
	email
	form
	review
	forum
	instore
	numChannels
)

var channelNames = [numChannels]string{"mastodon", "email", "form", "review", "forum", "instore"}

// Share of fresh messages posted publicly; mastodon has direct messages,
// the other private channels have no public side at all.
var publicPercent = [numChannels]int{mastodon: 85, review: 100, forum: 100}

// replyable reports whether customers answer their own earlier message on the
// channel; review sites and staff notes have no threads.
func (c channel) replyable() bool { return c != review && c != instore }

// draft is everything that decides a message before its text is written.
// Keeping text out of it lets the generator sort and link messages cheaply.
type draft struct {
	p      person
	ch     channel
	tp     *topic
	values uint64 // seed for order numbers, products, prices; shared with follow-ups
	words  uint64 // seed for the choice of sentences
	unix   int64
	public bool
	serial int
	parent *draft
}

func fresh(r *rng, p *person, ch channel, end int64) draft {
	return draft{
		p:      *p,
		ch:     ch,
		tp:     pickTopic(r, ch),
		values: r.next(),
		words:  r.next(),
		public: r.chance(publicPercent[ch]),
		unix:   sampleTime(r, end, ch),
	}
}

// replyTo turns d into a follow-up: the customer writes again about the same
// order, in the same place and with the same audience.
func (d *draft) replyTo(parent *draft) {
	d.tp, d.values, d.public, d.parent = parent.tp, parent.values, parent.public, parent
}

var topicWeights = func() weights {
	w := make([]int, len(topics))
	for i, t := range topics {
		w[i] = t.weight
	}
	return cumulative(w)
}()

func pickTopic(r *rng, ch channel) *topic {
	for {
		// Nobody asks for opening hours in a star review.
		if t := topics[r.weighted(topicWeights)]; ch != review || t.kind != question {
			return t
		}
	}
}

// render writes all strings of the message into b and converts them with a
// single allocation, which is what keeps the stream fast.
func render(b []byte, d *draft, idWidth int) (resonanz.IncomingMessage, []byte) {
	w := writer{r: rng{d.words}, s: newSlots(d.values, &d.p), v: &voices[d.p.lang], ph: &d.tp.text[d.p.lang]}
	b = w.text(b, d)
	nText := len(b)
	b = appendHandle(b, &d.p, d.ch)
	nHandle := len(b)
	b = appendDisplayName(b, &d.p, d.ch)
	nName := len(b)
	b = appendCustomerRef(b, &d.p)
	nRef := len(b)
	b = appendExternalID(b, d.ch, d.serial, idWidth)
	nID := len(b)
	if d.parent != nil {
		b = appendExternalID(b, d.ch, d.parent.serial, idWidth)
	}
	s := string(b)
	vis := resonanz.Private
	if d.public {
		vis = resonanz.Public
	}
	return resonanz.IncomingMessage{
		Channel:    channelNames[d.ch],
		ExternalID: s[nRef:nID],
		Author: resonanz.Author{
			Handle:      s[nText:nHandle],
			DisplayName: s[nHandle:nName],
			CustomerRef: s[nName:nRef],
		},
		Text:       s[:nText],
		Time:       time.Unix(d.unix, 0).UTC(),
		Visibility: vis,
		ReplyTo:    s[nID:],
	}, b
}

func appendExternalID(b []byte, c channel, serial, width int) []byte {
	b = append(append(b, channelNames[c]...), '-')
	return appendPadded(b, serial, width)
}

// slots are the facts a message is about. They come from their own seed so
// that a follow-up names the same order, product and price as the original.
// Each fact is derived only when a template asks for it, which keeps short
// messages cheap.
type slots struct {
	seed   uint64
	lang   lang
	female bool
	first  string
}

// Every fact has its own key so that facts do not depend on each other's
// draws.
const (
	keyProduct = iota + 1
	keyWrong
	keyStaff
	keyClerk
	keyStore
	keyMonth
	keyWeekday
	keyOrder
	keyN
	keyMinutes
	keyEuros
	keyCents
	keyMarkup
)

func newSlots(seed uint64, p *person) slots {
	return slots{seed: seed, lang: p.lang, female: p.female, first: p.first.text}
}

func (s *slots) draw(key uint64, n int) int {
	r := rng{s.seed ^ key*0x9e3779b97f4a7c15}
	return r.intn(n)
}

func (s *slots) product() *product { return &products[s.draw(keyProduct, len(products))] }

// wrong is the item that arrived instead of the ordered product.
func (s *slots) wrong() *product {
	i := s.draw(keyProduct, len(products)) + 1 + s.draw(keyWrong, len(products)-1)
	return &products[i%len(products)]
}

func (s *slots) staff() int { return s.draw(keyStaff, len(staff)) }

// clerk is the colleague writing a note, never the one the note praises.
func (s *slots) clerk() string {
	return staff[(s.staff()+1+s.draw(keyClerk, len(staff)-1))%len(staff)]
}

func (s *slots) price() int {
	return (4+s.draw(keyEuros, 180))*100 + priceCents[s.draw(keyCents, len(priceCents))]
}

// write appends the value of one placeholder.
func (s *slots) write(b []byte, sl slot) []byte {
	isDE := s.lang == de
	switch sl {
	case slotWare:
		if isDE {
			return append(b, s.product().deAcc...)
		}
		return append(b, s.product().enArt...)
	case slotWrong:
		if isDE {
			return append(b, s.wrong().deNom...)
		}
		return append(b, s.wrong().enArt...)
	case slotWrongAcc:
		if isDE {
			return append(b, s.wrong().deAcc...)
		}
		return append(b, s.wrong().enArt...)
	case slotName:
		if isDE {
			return append(b, s.product().deName...)
		}
		return append(b, s.product().enName...)
	case slotOrder:
		return strconv.AppendInt(append(b, "NS-"...), int64(1000000+s.draw(keyOrder, 9000000)), 10)
	case slotN:
		return strconv.AppendInt(b, int64(3+s.draw(keyN, 12)), 10)
	case slotMinutes:
		return strconv.AppendInt(b, int64(10+s.draw(keyMinutes, 50)), 10)
	case slotPrice:
		return appendPrice(b, s.lang, s.price())
	case slotPrice2:
		return appendPrice(b, s.lang, s.price()+(1+s.draw(keyMarkup, 25))*100)
	case slotStaff:
		return append(b, staff[s.staff()]...)
	case slotStore:
		return append(b, stores[s.draw(keyStore, len(stores))]...)
	case slotMonth:
		return append(b, months[s.lang][s.draw(keyMonth, 12)]...)
	case slotMonth2:
		return append(b, months[s.lang][(s.draw(keyMonth, 12)+1)%12]...)
	case slotWeekday:
		return append(b, weekdays[s.lang][s.draw(keyWeekday, len(weekdays[de]))]...)
	case slotCompany:
		return append(b, company...)
	case slotFirst:
		return append(b, s.first...)
	case slotKunde:
		switch {
		case !isDE:
			return append(b, "Customer"...)
		case s.female:
			return append(b, "Kundin"...)
		}
		return append(b, "Kunde"...)
	case slotPron:
		switch {
		case isDE && s.female:
			return append(b, "Sie"...)
		case isDE:
			return append(b, "Er"...)
		case s.female:
			return append(b, "She"...)
		}
		return append(b, "He"...)
	case slotRegular:
		switch {
		case !isDE:
			return append(b, "a regular customer"...)
		case s.female:
			return append(b, "Stammkundin"...)
		}
		return append(b, "Stammkunde"...)
	}
	return b
}

func appendPrice(b []byte, l lang, cents int) []byte {
	if l == en {
		b = append(b, "€"...)
	}
	b = strconv.AppendInt(b, int64(cents/100), 10)
	if l == de {
		b = append(b, ',')
	} else {
		b = append(b, '.')
	}
	b = append(b, byte('0'+cents%100/10), byte('0'+cents%10))
	if l == de {
		b = append(b, " €"...)
	}
	return b
}

// writer assembles one text. All methods append to and return a buffer
// instead of keeping it, so that the buffer can live on the caller's stack.
type writer struct {
	r  rng
	s  slots
	v  *voice
	ph *phrases
}

func (w *writer) tmpl(b []byte, t tmpl) []byte {
	for _, p := range t {
		b = append(b, p.text...)
		if p.slot != noSlot {
			b = w.s.write(b, p.slot)
		}
	}
	return b
}

func (w *writer) one(b []byte, list []tmpl) []byte {
	return w.tmpl(b, list[w.r.intn(len(list))])
}

// some appends up to k different entries, each after a space.
func (w *writer) some(b []byte, list []tmpl, k int) []byte {
	var used uint64
	for k = min(k, len(list)); k > 0; {
		i := w.r.intn(len(list))
		if used&(1<<i) != 0 {
			continue
		}
		used |= 1 << i
		b = w.tmpl(append(b, ' '), list[i])
		k--
	}
	return b
}

// followUp opens a message that continues an earlier one: impatient for
// complaints and questions, a simple addition otherwise.
func (w *writer) followUp(b []byte, d *draft) []byte {
	if d.parent == nil {
		return b
	}
	list := w.v.addendum
	if d.tp.kind == complaint || d.tp.kind == question {
		list = w.v.pending
	}
	return append(w.one(b, list), ' ')
}

// text writes in the manner of the channel: a toot is short and tagged, an
// email is framed by greeting and signature, staff jot down a terse note.
func (w *writer) text(b []byte, d *draft) []byte {
	k := d.tp.kind
	switch d.ch {
	case mastodon:
		if !d.public {
			b = append(b, "@nordstern@social.example.com "...)
		} else if w.r.chance(60) {
			b = append(b, "@nordstern "...)
		}
		b = w.one(w.followUp(b, d), w.ph.open)
		if w.r.chance(30) {
			b = w.one(append(b, ' '), w.ph.ask)
		}
		b = w.some(b, w.ph.tags, w.r.intn(3))
		if w.r.chance(60) {
			b = w.one(append(b, ' '), emoji[k])
		}
		if k == complaint && d.public && w.r.chance(5) {
			b = append(b, " cc @verbraucherschutz@fedi.example.org"...)
		}
	case email:
		b = append(w.one(b, w.v.greet), "\n\n"...)
		b = w.one(w.followUp(b, d), w.ph.open)
		b = w.some(b, w.ph.more, 1+w.r.intn(2))
		b = w.one(append(b, ' '), w.ph.ask)
		b = append(w.one(append(b, "\n\n"...), w.v.closing), '\n')
		b = append(append(append(b, d.p.first.text...), ' '), d.p.last.text...)
		if w.r.chance(15) {
			b = w.one(append(b, "\n\n"...), w.v.sentFrom)
		}
	case form:
		b = w.one(w.followUp(b, d), w.ph.open)
		b = w.some(b, w.ph.more, w.r.intn(2))
		b = w.one(append(b, ' '), w.ph.ask)
	case review:
		b = append(w.stars(b, k), '\n')
		b = w.one(b, w.ph.open)
		b = w.some(b, w.ph.more, w.r.intn(2))
		b = w.one(append(b, ' '), w.v.verdict[k])
	case forum:
		if d.parent != nil {
			b = w.followUp(b, d)
		} else {
			b = append(w.one(b, w.v.title[k]), "\n\n"...)
			b = append(w.one(b, w.v.forumHello), '\n')
		}
		b = w.one(b, w.ph.open)
		b = w.some(b, w.ph.more, 2+w.r.intn(2))
		b = w.one(append(b, "\n\n"...), w.v.forumAsk)
		if w.r.chance(50) {
			b = w.one(append(b, ' '), w.ph.ask)
		}
		b = w.one(append(b, "\n\n"...), w.v.forumBy)
	default:
		b = w.one(b, w.ph.note)
		if (k == complaint || k == question) && w.r.chance(40) {
			b = w.one(append(b, ' '), w.v.noteEnd)
		}
		b = append(append(b, " – "...), w.s.clerk()...)
	}
	return b
}

func (w *writer) stars(b []byte, k kind) []byte {
	n := lowestStars[k] + w.r.intn(starSpread[k])
	switch w.r.intn(3) {
	case 0:
		for i := range 5 {
			if i < n {
				b = append(b, "★"...)
			} else {
				b = append(b, "☆"...)
			}
		}
		return b
	case 1:
		return append(strconv.AppendInt(b, int64(n), 10), "/5"...)
	}
	b = append(strconv.AppendInt(b, int64(n), 10), ' ')
	return append(b, w.v.outOfFive...)
}
