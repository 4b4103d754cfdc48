package analyze

import (
	"bytes"

	"github.com/resonanz/resonanz"
)

// Language is guessed from a profile of frequent words: short posts full of
// handles, hashtags and emoji still carry a "danke", "the" or "ist".
// Words are in normalised spelling (ä → ae).
var (
	wordsDE = wordSet("der die das und ist nicht ich du sie wir ihr es ein eine einen mit auf fuer von zu im den dem des " +
		"bei seit schon noch auch aber oder wenn wie wo wann warum mein meine meinen sehr gut danke bitte hallo " +
		"toll super leider immer wieder heute morgen jetzt gerade kein keine keinen habe hat haben bin sind war wurde " +
		"wird werden kann koennen muss mal doch nur ja nein nach vom zum zur am um uns euch man mir mich dir dich " +
		"sich vielen gruesse lieferung bestellung paket rechnung kuendigung zug bahn verspaetung filiale laden geld zurueck " +
		"geoeffnet frage einfach wirklich endlich viel ueber alles nichts hier dort weil dass dann gibt gestern woche tage")
	wordsEN = wordSet("the and is are not i you he she we they it a an with on for of to at by from my your our " +
		"this that was were be been have has had do does did can could will would should what where when why how was " +
		"very good thanks thank please hello hi great love again still just no yes today tomorrow now " +
		"delivery order parcel invoice refund train late store shop money back open question already never " +
		"but or if so all nothing here there because than then ive dont cant its me us them")
	wordsOther = wordSet("le la les et est une des pas je vous nous pour avec dans sur merci tres bonjour " +
		"el los las y es un una que por para con muy gracias hola pero " +
		"il che di per non sono grazie molto ciao " +
		"het een en niet ik je wij voor met zijn bedankt hoi " +
		"ve bir bu da de cok tesekkurler merhaba icin " +
		"nie jest sie na ze dziekuje czesc")
)

// language returns the language of the tokens; raw is the original text, whose
// umlauts count as German evidence.
func (t *tokens) language(raw string) string {
	de, en, other := 0, 0, 0
	for k, s := range t.spans {
		if s.flags&flagWord == 0 {
			continue
		}
		w := t.text(k)
		switch {
		case wordsDE[string(w)]:
			de++
		case wordsEN[string(w)]:
			en++
		case wordsOther[string(w)]:
			other++
		}
	}
	for _, r := range raw {
		if r == 'ä' || r == 'ö' || r == 'ü' || r == 'ß' || r == 'Ä' || r == 'Ö' || r == 'Ü' {
			de++
			break
		}
	}
	if de == en && other == 0 {
		// Headlines often hold no function word: letter patterns decide.
		de, en = t.letterCues()
	}
	switch {
	case de == 0 && en == 0:
		return resonanz.LangOther
	case other > de && other > en:
		return resonanz.LangOther
	case de > en:
		return resonanz.LangGerman
	}
	return resonanz.LangEnglish
}

// Letter sequences typical of German or English words.
var (
	cuesDE = bytesOf("sch", "ung", "ei", "ie", "ae", "oe", "ue", "tz", "ch", "keit", "lich", "ss", "z")
	cuesEN = bytesOf("th", "ing", "w", "y", "ee", "oo", "ea", "tion", "sh", "ck", "ou", "ly")
)

// letterCues counts the German and English letter patterns in the words.
func (t *tokens) letterCues() (de, en int) {
	for k, s := range t.spans {
		if s.flags&flagWord == 0 {
			continue
		}
		w := t.text(k)
		for _, c := range cuesDE {
			de += bytes.Count(w, c)
		}
		for _, c := range cuesEN {
			en += bytes.Count(w, c)
		}
	}
	return de, en
}

func bytesOf(list ...string) [][]byte {
	out := make([][]byte, len(list))
	for i, s := range list {
		out[i] = []byte(s)
	}
	return out
}
