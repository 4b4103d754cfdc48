package analyze

import "strings"

// phraseMatcher finds seed terms among the tokens of a message. A term of
// one word matches that word, and with five letters or more also the start
// or end of a longer word, which catches German compounds
// ("Lieferzeit", "Paketlieferung"). A term of several words matches them in
// a row. Lookups index maps with the token bytes and allocate nothing.
type phraseMatcher struct {
	exact  map[string][]int // word → groups
	prefix map[string][]int
	suffix map[string][]int
	multi  map[string][]phrase // first word → phrases starting with it
	groups int
}

type phrase struct {
	rest  []string
	group int
}

// minAffix is the shortest term that also matches inside compounds.
const minAffix = 5

// newPhraseMatcher compiles one list of terms per group; compounds says
// whether single words may match the start or end of longer words.
func newPhraseMatcher(groups [][]string, compounds bool) *phraseMatcher {
	m := &phraseMatcher{
		exact: map[string][]int{}, prefix: map[string][]int{}, suffix: map[string][]int{},
		multi: map[string][]phrase{}, groups: len(groups),
	}
	var t tokens
	for g, terms := range groups {
		for _, term := range terms {
			t.normalize(term)
			var words []string
			for k, s := range t.spans {
				if s.flags&flagWord != 0 {
					words = append(words, string(t.text(k)))
				}
			}
			switch {
			case len(words) == 0:
			case len(words) > 1:
				m.multi[words[0]] = append(m.multi[words[0]], phrase{words[1:], g})
			default:
				w := words[0]
				m.exact[w] = append(m.exact[w], g)
				if compounds && len(w) >= minAffix {
					m.prefix[w] = append(m.prefix[w], g)
					m.suffix[w] = append(m.suffix[w], g)
				}
			}
		}
	}
	return m
}

// count adds one to hits[g] for every term of group g found in t.
func (m *phraseMatcher) count(t *tokens, hits []int) {
	for k, s := range t.spans {
		if s.flags&flagWord == 0 {
			continue
		}
		w := t.text(k)
		if gs, ok := m.exact[string(w)]; ok {
			add(hits, gs)
		} else if len(m.prefix) > 0 && len(w) > minAffix {
			for n := minAffix; n < len(w); n++ {
				add(hits, m.prefix[string(w[:n])])
				add(hits, m.suffix[string(w[len(w)-n:])])
			}
		}
		for _, p := range m.multi[string(w)] {
			if t.followedBy(k, p.rest) {
				hits[p.group]++
			}
		}
	}
}

func add(hits []int, groups []int) {
	for _, g := range groups {
		hits[g]++
	}
}

// followedBy reports whether the words after token k are rest.
func (t *tokens) followedBy(k int, rest []string) bool {
	for _, w := range rest {
		k++
		if k >= len(t.spans) || t.spans[k].flags&flagWord == 0 || string(t.text(k)) != w {
			return false
		}
	}
	return true
}

// splitTerms turns a space-separated list, with "_" joining the words of a
// phrase, into terms.
func splitTerms(s string) []string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ReplaceAll(w, "_", " ")
	}
	return f
}
