package demo

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// name keeps the spelling shown to people next to the plain ASCII form that
// handles and email addresses need.
type name struct{ text, ascii string }

func names(list ...string) []name {
	out := make([]name, len(list))
	for i, s := range list {
		out[i] = name{s, fold(s)}
	}
	return out
}

// fold turns a name into the lower-case ASCII people use when they make up
// usernames ("Jürgen Weiß" → "juergen", "weiss").
func fold(s string) string {
	return asciiReplacer.Replace(strings.ToLower(s))
}

var asciiReplacer = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"é", "e", "á", "a", "ë", "e", "ş", "s", "ı", "i", "ć", "c", "'", "",
)

// Names are indexed by language and then by female (1) or male (0).
var (
	firstNames = [2][2][]name{
		de: {
			names("Jürgen", "Jörg", "Björn", "Sören", "Thomas", "Michael", "Stefan", "Andreas",
				"Markus", "Christian", "Tobias", "Florian", "Lukas", "Jonas", "Felix", "Maximilian",
				"Paul", "Moritz", "Niklas", "Timo", "Dieter", "Klaus", "Uwe", "Ralf", "Heinz",
				"Mehmet", "Emre", "Piotr", "Dimitri", "Matthias", "Sebastian", "Hendrik", "Ole",
				"Jannik", "Kai", "Till", "Bernd", "Holger", "Rüdiger", "Günter"),
			names("Lena", "Anna", "Sophie", "Marie", "Laura", "Julia", "Katharina", "Sarah", "Lisa",
				"Hannah", "Miriam", "Sabine", "Petra", "Claudia", "Monika", "Ursula", "Birgit",
				"Renate", "Ayşe", "Elif", "Agnieszka", "Lea", "Mia", "Emilia", "Franziska",
				"Henrike", "Jessica", "Nicole", "Tanja", "Ilse", "Bärbel", "Jördis", "Annegret",
				"Maike", "Greta", "Frieda", "Leonie", "Nele", "Svenja", "Doris"),
		},
		en: {
			names("James", "Oliver", "Harry", "Jack", "George", "Thomas", "William", "Daniel",
				"Matthew", "Ryan", "Liam", "Noah", "Ethan", "Samuel", "Benjamin", "Joshua",
				"Connor", "Aidan", "Rajesh", "Kwame", "Mateo", "Lucas", "Owen", "Callum", "Patrick"),
			names("Emily", "Olivia", "Charlotte", "Amelia", "Sophie", "Grace", "Chloe", "Hannah",
				"Jessica", "Rebecca", "Megan", "Lucy", "Emma", "Sarah", "Rachel", "Laura", "Katie",
				"Zoë", "Aoife", "Priya", "Maya", "Abigail", "Harriet", "Isla", "Freya"),
		},
	}
	lastNames = [2][]name{
		de: names("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
			"Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
			"Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
			"Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Schulze", "Köhler", "Herrmann",
			"König", "Walter", "Huber", "Kaiser", "Fuchs", "Peters", "Scholz", "Möller", "Weiß",
			"Jung", "Hahn", "Vogel", "Friedrich", "Keller", "Günther", "Berger", "Winkler", "Roth",
			"Lorenz", "Baumann", "Albrecht", "Yılmaz", "Kaya", "Öztürk", "Nowak", "Kowalski",
			"Nguyen", "Popović", "Brandt", "Voß", "Jäger", "Groß", "Engel", "Sommer", "Ziegler"),
		en: names("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
			"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
			"Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Phillips", "Mason", "Mitchell",
			"Rose", "Davis", "Rodriguez", "Cox", "O'Brien", "Murphy", "Kelly", "Sullivan", "Chen",
			"Okafor", "Fernández", "Campbell", "Stewart", "Hughes", "Edwards", "Hill", "Moore",
			"Baker", "Harris", "Ward", "Turner"),
	}
)

// Where people first turn to: most use social media or email, few talk to
// staff in a store.
var primaryChannelWeights = cumulative([]int{mastodon: 34, email: 24, form: 14, review: 10, forum: 10, instore: 8})

var mastodonInstances = []string{"social.example.org", "mastodon.example.net", "toot.example.com", "fedi.example.org"}

var mailDomains = []string{"example.org", "example.com", "example.net"}

// person is a customer, derived entirely from the seed and a number so that a
// stream of any length can meet the same person again without storing anyone.
type person struct {
	id     int
	lang   lang
	female bool
	first  name
	last   name
	chans  [3]channel
	nch    int
	cross  bool // known across channels under one customer ref
	style  int  // how this person builds usernames
	domain int
}

func newPerson(seed int64, id int) person {
	r := newRNG(seed, saltPerson, uint64(id))
	p := person{id: id, lang: de, female: r.chance(52)}
	if !r.chance(65) {
		p.lang = en
	}
	// People in Germany write English and vice versa, and families mix, so
	// names and language do not always match.
	nameLang := p.lang
	if r.chance(8) {
		nameLang = 1 - nameLang
	}
	sex := 0
	if p.female {
		sex = 1
	}
	p.first = pick(&r, firstNames[nameLang][sex])
	if r.chance(5) {
		nameLang = 1 - nameLang
	}
	p.last = pick(&r, lastNames[nameLang])
	p.chans[0] = channel(r.weighted(primaryChannelWeights))
	p.nch = 1
	if r.chance(10) {
		p.cross = true
		want := 2
		if r.chance(30) {
			want = 3
		}
		for p.nch < want {
			if c := channel(r.weighted(primaryChannelWeights)); !p.has(c) {
				p.chans[p.nch] = c
				p.nch++
			}
		}
	}
	p.style = r.intn(3)
	p.domain = r.intn(len(mailDomains))
	return p
}

func (p *person) has(c channel) bool {
	for _, have := range p.chans[:p.nch] {
		if have == c {
			return true
		}
	}
	return false
}

// appendHandle writes the identity the channel itself knows the person by.
// The number keeps handles unique even when two people share a name.
func appendHandle(b []byte, p *person, c channel) []byte {
	f, l := p.first.ascii, p.last.ascii
	switch c {
	case mastodon:
		b = append(b, '@')
		switch p.style {
		case 0:
			b = append(append(append(b, f...), '_'), l[0])
		case 1:
			b = append(append(b, f...), l...)
		default:
			b = append(append(append(b, f[0]), l...), '_')
		}
		b = strconv.AppendInt(b, int64(p.id), 10)
		b = append(b, '@')
		return append(b, mastodonInstances[p.id%len(mastodonInstances)]...)
	case email, form:
		switch p.style {
		case 0:
			b = append(append(append(b, f...), '.'), l...)
		case 1:
			b = append(append(append(append(b, f[0]), '.'), l...), '.')
		default:
			b = append(b, f...)
		}
		b = strconv.AppendInt(b, int64(p.id), 10)
		b = append(b, '@')
		return append(b, mailDomains[p.domain]...)
	case review:
		b = append(append(b, f...), l[0])
		return strconv.AppendInt(b, int64(p.id), 10)
	case forum:
		b = append(append(append(b, f...), '_'), l...)
		return strconv.AppendInt(b, int64(p.id), 10)
	default:
		return appendPadded(append(b, "kundenkarte-"...), p.id, 6)
	}
}

// appendDisplayName writes the name as the channel shows it: review sites and
// forums abbreviate the surname, staff in a store know the full name.
func appendDisplayName(b []byte, p *person, c channel) []byte {
	b = append(b, p.first.text...)
	if c == review || c == forum || (c == mastodon && p.style == 2) {
		_, size := utf8.DecodeRuneInString(p.last.text)
		return append(append(append(b, ' '), p.last.text[:size]...), '.')
	}
	return append(append(b, ' '), p.last.text...)
}

func appendCustomerRef(b []byte, p *person) []byte {
	if !p.cross {
		return b
	}
	return appendPadded(append(b, "cust-"...), p.id, 4)
}

func appendPadded(b []byte, n, width int) []byte {
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], uint64(n), 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}
