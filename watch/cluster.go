package watch

import (
	"slices"
	"strings"
	"time"
)

// Term clusters: negative messages that fit no topic and carry no shared
// hashtag, but share two rare terms ("Kassensystem ausgefallen"). Each
// message adds its author to the pairs of its most distinctive terms; a pair
// that clusterAuthors people used within clusterWindow, and that is far more
// frequent now than in the background of the last week, is a new cluster.
const (
	// pickTerms is how many terms of a message pair up: 6 pairs.
	pickTerms = 4
	// background is the memory of what is usual; recentTau that of what
	// is frequent within the hour.
	background = 7 * 24 * time.Hour
	recentTau  = time.Hour
	// commonShare: a term in more than this share of the background's
	// messages says nothing about a cluster.
	commonShare = 0.05
	// minBackground is how many messages the background needs before it
	// can tell a rare pair from a usual one; until then volume decides, as
	// for a hashtag.
	minBackground = 200
	// clusterLift is how many times its background share a pair's share of
	// the last hour's messages must be.
	clusterLift = 5
	// Bounds of the tables, each a few hundred kilobytes at most.
	maxBackgroundTerms = 1 << 14
	maxRecentTerms     = 1 << 12
	maxPairs           = 1 << 12
	maxPairAuthors     = 2 * clusterAuthors
)

// termClusters finds new clusters of shared terms. Not safe for concurrent
// use; the Monitor holds its lock.
type termClusters struct {
	terms  *decayed // stems in the background
	recent *decayed // stems within about the last hour
	pairs  *decayed // pairs of picked stems in the background
	// authors[pair] are the latest people who used it, oldest first.
	authors map[string][]authorAt
	// perMinute counts the messages of the last hour, per minute.
	perMinute [60]int
	minute    int64
}

type authorAt struct {
	author string
	at     time.Time
}

func newTermClusters() *termClusters {
	return &termClusters{terms: newDecayed(background, maxBackgroundTerms), recent: newDecayed(recentTau, maxRecentTerms),
		pairs: newDecayed(background, maxPairs*4), authors: map[string][]authorAt{}}
}

// cluster is a pair of terms that many people share now and few did before.
type cluster struct {
	pair string // a and b, sorted, joined by "+"
	a, b string // the stems
	// expected is how many of the last hour's messages would have held the
	// pair at its background share.
	expected float64
}

// observe counts one negative, topicless message and returns the pairs of
// its terms that now form a cluster.
func (tc *termClusters) observe(author string, at time.Time, terms []term) []cluster {
	inHour := tc.countMessage(at)
	picked := tc.pick(terms, at)
	var found []cluster
	for i := range picked {
		for j := i + 1; j < len(picked); j++ {
			a, b := picked[i], picked[j]
			pair := pairKey(a.stem, b.stem)
			n := tc.addAuthor(pair, author, at)
			tc.pairs.add(pair, at)
			if n < clusterAuthors {
				continue
			}
			if exp, ok := tc.rare(pair, n, inHour, at); ok {
				found = append(found, cluster{pair: pair, a: a.stem, b: b.stem, expected: exp})
			}
		}
	}
	for _, t := range terms {
		tc.terms.add(t.stem, at)
		tc.recent.add(t.stem, at)
	}
	tc.terms.addTotal(at)
	return found
}

// pick returns the pickTerms most distinctive terms: those used most within
// the hour against their background rate, common ones left out. A term of a
// forming cluster is frequent now and rare before, so it soon outranks the
// stray words of each message.
func (tc *termClusters) pick(terms []term, at time.Time) []term {
	total := tc.terms.sum(at)
	type scored struct {
		t     term
		score float64
	}
	var cands []scored
	for _, t := range terms {
		bg := tc.terms.count(t.stem, at)
		if total >= minBackground && bg > commonShare*total {
			continue
		}
		perHour := bg * float64(recentTau) / float64(background)
		cands = append(cands, scored{t, (tc.recent.count(t.stem, at) + 1) / (perHour + 0.1)})
	}
	slices.SortStableFunc(cands, func(x, y scored) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return 0
	})
	picked := make([]term, 0, pickTerms)
	for _, c := range cands[:min(len(cands), pickTerms)] {
		picked = append(picked, c.t)
	}
	return picked
}

// rare reports whether a pair that n people used within the hour, among
// inHour messages, is far more frequent now than in the background, and
// how many of those messages its background share would have brought.
// Both counts hold the last hour's messages; taking them out keeps a new
// cluster from making itself look usual.
func (tc *termClusters) rare(pair string, n, inHour int, at time.Time) (float64, bool) {
	total := tc.terms.sum(at) - float64(inHour)
	if total < minBackground {
		return 0, true
	}
	share := max(0, tc.pairs.count(pair, at)-float64(n)) / total
	now := float64(n) / float64(max(inHour, n))
	return share * float64(inHour), now >= clusterLift*share
}

// addAuthor records that author used pair at and returns how many people
// used it within the hour.
func (tc *termClusters) addAuthor(pair, author string, at time.Time) int {
	list, ok := tc.authors[pair]
	if !ok && len(tc.authors) >= maxPairs {
		tc.prunePairs(at)
	}
	list = slices.DeleteFunc(list, func(x authorAt) bool { return x.author == author || at.Sub(x.at) >= clusterWindow })
	list = append(list, authorAt{author, at})
	if len(list) > maxPairAuthors {
		list = list[len(list)-maxPairAuthors:]
	}
	tc.authors[pair] = list
	return len(list)
}

// prunePairs drops the pairs nobody used within the hour and, if that
// frees less than half of the room, those only one person used.
func (tc *termClusters) prunePairs(at time.Time) {
	for p, list := range tc.authors {
		if at.Sub(list[len(list)-1].at) >= clusterWindow {
			delete(tc.authors, p)
		}
	}
	for p, list := range tc.authors {
		if len(tc.authors) < maxPairs/2 {
			return
		}
		if len(list) == 1 {
			delete(tc.authors, p)
		}
	}
	// A flood of pairs with several people each: the bound wins.
	for p := range tc.authors {
		if len(tc.authors) < maxPairs/2 {
			return
		}
		delete(tc.authors, p)
	}
}

// countMessage counts a message in the last hour and returns how many that
// hour holds.
func (tc *termClusters) countMessage(at time.Time) int {
	m := at.Unix() / 60
	if m > tc.minute {
		for i := max(tc.minute+1, m-59); i <= m; i++ {
			tc.perMinute[i%60] = 0
		}
		tc.minute = m
	}
	if m > tc.minute-60 {
		tc.perMinute[m%60]++
	}
	n := 0
	for _, c := range tc.perMinute {
		n += c
	}
	return n
}

func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "+" + b
}

// hasPair reports whether terms hold both stems of pair.
func hasPair(terms []term, pair string) bool {
	a, b, _ := strings.Cut(pair, "+")
	return containsStem(terms, a) && containsStem(terms, b)
}
