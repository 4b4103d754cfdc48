package watch

import (
	"strings"
	"time"
)

// usualTerms bounds each table of what a key's messages usually say.
const usualTerms = 1 << 12

// usual remembers, per key and per key and language, what its negative
// messages said over about the last week, outside its storms: the
// background a storm's words are measured against. A day holds too few
// messages of a quiet topic to tell a storm's words from everyday ones.
type usual map[string]*decayed

func usualKey(key, language string) string { return key + "\x00" + language }

// learn counts a message of key that is not part of a storm, with the
// features of its text: a message of several keys is parsed once.
func (u usual) learn(key string, o *Observed, fs []term) {
	for _, k := range []string{key, usualKey(key, o.Analysis.Language)} {
		d := u[k]
		if d == nil {
			d = newDecayed(background, usualTerms)
			u[k] = d
		}
		for _, f := range fs {
			d.add(f.stem, o.Time)
		}
		d.addTotal(o.Time)
	}
}

// before returns what key's messages usually said, as of at.
func (u usual) before(key string, at time.Time) before {
	b := before{all: u.docFreq(key, at), byLanguage: map[string]docFreq{}}
	for k := range u {
		if lang, ok := strings.CutPrefix(k, usualKey(key, "")); ok {
			b.byLanguage[lang] = u.docFreq(k, at)
		}
	}
	return b
}

func (u usual) docFreq(k string, at time.Time) docFreq {
	d := u[k]
	if d == nil {
		return docFreq{df: map[string]float64{}}
	}
	out := docFreq{n: d.sum(at), df: make(map[string]float64, len(d.counts))}
	for f := range d.counts {
		out.df[f] = d.count(f, at)
	}
	return out
}
