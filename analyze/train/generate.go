package train

import (
	"math/rand/v2"
	"strings"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// HeldOut reports whether the i-th generated example belongs to the fixed
// evaluation split that training never sees.
func HeldOut(i int) bool { return i%5 == 0 }

// scene is one kind of message the generator can write.
type scene struct {
	weight    int
	kind      string
	sentiment string
	topic     string
	body      string // template
	german    bool   // only German phrases exist for it
}

// companyTopics are the lexicon prefixes of the built-in topics; "travel"
// is customer traffic of a transport company that has no topic of its own.
var companyTopics = []string{"delivery", "billing", "quality", "service", "app", "contract", "travel"}

func scenes() []scene {
	var s []scene
	for _, t := range companyTopics {
		topic := t
		if t == "travel" {
			topic = ""
		}
		w := 3
		if t == "travel" {
			w = 6 // transport feedback is much of what a rail or bus company hears
		}
		s = append(s,
			scene{4 * w, resonanz.KindComplaint, resonanz.Negative, topic,
				"{" + t + "_neg}[ {" + t + "_neg}|][ {negfeel}|][ {negfeel}|][ {demand}|]", false},
			scene{2 * w, resonanz.KindPraise, resonanz.Positive, topic, "[{" + t + "_pos}|{posfeel} {" + t + "_pos}][ {posfeel}|]", false},
			scene{2 * w, resonanz.KindQuestion, resonanz.Neutral, topic, "{" + t + "_q}[ {polite}|]", false},
			scene{w, resonanz.KindSuggestion, resonanz.Neutral, topic, "{" + t + "_sug}[ {polite}|]", false},
		)
	}
	return append(s,
		scene{24, resonanz.KindOther, resonanz.Neutral, "", "{news}[. {newsbody}|]", false},
		scene{3, resonanz.KindOther, resonanz.Negative, "", "{newsbad}[. {newsbody}|]", false},
		scene{8, resonanz.KindOther, resonanz.Neutral, "", "{announce}", false},
		scene{5, resonanz.KindOther, resonanz.Neutral, "", "{job}", false},
		scene{12, resonanz.KindOther, resonanz.Neutral, "", "[{chatter}|{mention}]", false},
		scene{4, resonanz.KindOther, resonanz.Positive, "", "{chatpos}[ {emopos}|]", false},
		scene{4, resonanz.KindOther, resonanz.Negative, "", "{chatneg}[ {emoneg}|]", false},
		scene{3, resonanz.KindComplaint, resonanz.Negative, "", "{note_neg}", false},
		scene{2, resonanz.KindPraise, resonanz.Positive, "", "{note_pos}", false},
		scene{2, resonanz.KindQuestion, resonanz.Neutral, "", "{note_q}", false},
		scene{1, resonanz.KindSuggestion, resonanz.Neutral, "", "{note_sug}", false},
		// Rail and public transport as a company's monitoring meets it.
		scene{30, resonanz.KindOther, resonanz.Neutral, "", "{t_news}", true},
		scene{12, resonanz.KindOther, resonanz.Neutral, "", "{t_share}", true},
		scene{14, resonanz.KindOther, resonanz.Neutral, "", "{t_mention}[ {t_mention_tail}|]", true},
		scene{8, resonanz.KindQuestion, resonanz.Neutral, "", "[@{kontoname} |]{t_frage}", true},
		scene{14, resonanz.KindComplaint, resonanz.Negative, "", "{t_neg_open}{t_neg_core}[. {t_neg_tail}|][ {t_neg_tail}|][ {emoneg}|]", true},
		scene{4, resonanz.KindComplaint, resonanz.Negative, "", "{t_sarkasmus}[ {t_neg_tail}|]", true},
		scene{8, resonanz.KindPraise, resonanz.Positive, "", "{t_pos_core}[.|!] {t_pos_tail}", true},
	)
}

// Generate writes n labelled messages, the same ones for the same seed.
func Generate(seed uint64, n int) []analyze.Example {
	return generate(seed, n, partAll)
}

// Phrase parts: the phrases of the generated set are split so that an
// evaluation can use sentences training never saw. In a word list of at
// least phraseSplit alternatives every phraseSplit-th one belongs to the
// test part; shorter lists and the inline [a|b] choices are shared.
const (
	partAll   = iota // every phrase
	partTrain        // the phrases training uses
	partTest         // the phrases kept for the unseen-phrase evaluation

	phraseSplit = 5
)

func generate(seed uint64, n int, part int) []analyze.Example {
	de := split(lexiconDE, part)
	for k, v := range split(lexiconTransportDE, part) {
		de[k] = v
	}
	g := generator{r: rand.New(rand.NewPCG(seed, 0x5eed)), lex: [2]map[string][]string{de, split(lexiconEN, part)}}
	all := scenes()
	total := 0
	for _, s := range all {
		total += s.weight
	}
	out := make([]analyze.Example, 0, n)
	for range n {
		pick := g.r.IntN(total)
		var sc scene
		for _, s := range all {
			if pick < s.weight {
				sc = s
				break
			}
			pick -= s.weight
		}
		li, lang := 0, resonanz.LangGerman
		if g.r.IntN(100) < 35 && !sc.german {
			li, lang = 1, resonanz.LangEnglish
		}
		body := g.expand(li, sc.body)
		if sc.kind == resonanz.KindComplaint && g.r.IntN(8) == 0 {
			body += " " + g.expand(li, "{urg_"+[]string{"public", "legal", "cancel", "safety", "repeat"}[g.r.IntN(5)]+"}")
		}
		out = append(out, analyze.Example{
			Text:      g.channel(li, body, sc),
			Language:  lang,
			Sentiment: sc.sentiment,
			Kind:      sc.kind,
			Topic:     sc.topic,
		})
	}
	return out
}

type generator struct {
	r   *rand.Rand
	lex [2]map[string][]string
}

// split turns a lexicon into word lists, keeping the phrases of part.
func split(lex map[string]string, part int) map[string][]string {
	m := make(map[string][]string, len(lex))
	for k, v := range lex {
		alts := strings.Split(v, "|")
		if part != partAll && len(alts) >= phraseSplit {
			var kept []string
			for j, a := range alts {
				if (j%phraseSplit == phraseSplit/2) == (part == partTest) {
					kept = append(kept, a)
				}
			}
			alts = kept
		}
		m[k] = alts
	}
	return m
}

// channel dresses a message body in the style of one channel.
func (g *generator) channel(li int, body string, sc scene) string {
	if strings.HasPrefix(sc.body, "{note_") || sc.kind == resonanz.KindOther && sc.sentiment != resonanz.Neutral && strings.HasPrefix(sc.body, "{news") {
		return body
	}
	mood := map[string]string{resonanz.Negative: "neg", resonanz.Positive: "pos", resonanz.Neutral: "neu"}[sc.sentiment]
	switch g.r.IntN(6) {
	case 0, 1: // a post on a social network
		if g.r.IntN(2) == 0 {
			body = "@" + strings.ReplaceAll(g.pick(li, "brand"), " ", "_") + " " + body
		}
		if mood != "neu" && g.r.IntN(2) == 0 {
			body += " " + g.pick(li, "emo"+mood)
		}
		if g.r.IntN(3) == 0 {
			body += " " + g.pick(li, "tag"+mood)
		}
		if sc.kind == resonanz.KindOther && g.r.IntN(3) == 0 {
			body += " https://t.co/x" + string(rune('a'+g.r.IntN(26))) + "Q9z"
		}
		if g.r.IntN(4) == 0 {
			body = strings.ToLower(body)
		}
		if g.r.IntN(4) == 0 {
			body = strings.ReplaceAll(body, ".", "")
		}
		return body
	case 2: // an email
		if sc.kind == resonanz.KindOther {
			return body
		}
		return g.pick(li, "hello") + "\n\n" + body + "\n\n" + g.pick(li, "bye") + "\n" + g.pick(li, "name")
	case 3: // a review
		stars := map[string]string{"neg": "[1|2]/5", "pos": "[4|5]/5", "neu": "3/5"}[mood]
		if sc.kind == resonanz.KindComplaint || sc.kind == resonanz.KindPraise {
			return g.expand(li, stars) + " " + body
		}
		return body
	case 4: // a forum post
		if g.r.IntN(2) == 0 {
			return "Re: " + body
		}
		return g.pick(li, "hello") + " " + body
	}
	return body // a web form
}

func (g *generator) pick(li int, key string) string {
	alts, ok := g.lex[li][key]
	if !ok {
		panic("generator: no word list " + key) // a typo in a template, caught by the tests
	}
	return g.expand(li, alts[g.r.IntN(len(alts))])
}

// expand fills {list} references and [a|b] choices of a template.
func (g *generator) expand(li int, t string) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '{':
			j := strings.IndexByte(t[i:], '}')
			b.WriteString(g.pick(li, t[i+1:i+j]))
			i += j
		case '[':
			j, depth := i, 0
			alts, start := []string(nil), i+1
			for ; j < len(t); j++ {
				switch t[j] {
				case '[':
					depth++
				case ']':
					depth--
				case '|':
					if depth == 1 {
						alts = append(alts, t[start:j])
						start = j + 1
					}
				}
				if depth == 0 {
					break
				}
			}
			alts = append(alts, t[start:j])
			b.WriteString(g.expand(li, alts[g.r.IntN(len(alts))]))
			i = j
		default:
			b.WriteByte(t[i])
		}
	}
	return b.String()
}
