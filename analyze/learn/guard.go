package learn

import (
	"math"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/analyze"
)

// Every holdBackEvery-th corrected message (by a hash of its id, so the same
// ones always) is never learned from: the guard scores each version on them,
// so no version has seen what it is judged by.
const holdBackEvery = 10

// guardDeviations is how far beyond chance a candidate must lose to be refused.
const guardDeviations = 2

// scoredRecent is how many of the newest held-back messages a version is
// scored on: the language customers use now.
const scoredRecent = 500

func heldBack(messageID int64) bool {
	h := uint64(messageID) * 0x9e3779b97f4a7c15
	return (h>>32)%holdBackEvery == 0
}

// worse tells whether the guard keeps a candidate from going live: on the
// held-back labels that only one of the two gets right, the live model wins
// more often than chance explains, by more than two standard deviations of
// the difference if both were equally good (McNemar's test, one-sided, about
// 2 % false alarms). A few labels among a hundred are noise and must not stop
// learning; a version taught wrong labels loses many more.
func worse(candidate, live *analyze.Analyzer, held []analyze.Example) bool {
	liveOnly, candidateOnly := 0, 0
	for _, e := range held {
		c, l := candidate.Analyze(e.Text), live.Analyze(e.Text)
		for _, task := range tasks {
			gold := task(e)
			if gold == "" {
				continue
			}
			switch cok, lok := task(exampleOf(c)) == gold, task(exampleOf(l)) == gold; {
			case lok && !cok:
				liveOnly++
			case cok && !lok:
				candidateOnly++
			}
		}
	}
	diff := float64(liveOnly - candidateOnly)
	return diff > 0 && diff > guardDeviations*math.Sqrt(float64(liveOnly+candidateOnly))
}

// tasks read the labels a version learns from an example.
var tasks = []func(analyze.Example) string{
	func(e analyze.Example) string { return e.Sentiment },
	func(e analyze.Example) string { return e.Kind },
	func(e analyze.Example) string { return e.Language },
}

func exampleOf(a resonanz.Analysis) analyze.Example {
	return analyze.Example{Sentiment: a.Sentiment, Kind: a.Kind, Language: a.Language}
}

// corrected is the corrections since a reset, as examples: the latest label
// of each field of each message.
type corrected struct {
	learn, held               []analyze.Example
	learnedLabels, heldLabels int
	through                   int64
}

func gather(all []resonanz.LabelCorrection, since int64) corrected {
	var c corrected
	var recent []resonanz.LabelCorrection
	for _, lc := range all {
		if lc.ID > since {
			recent = append(recent, lc)
			c.through = lc.ID
		}
	}
	examples, ids := analyze.Corrected(recent)
	for i, e := range examples {
		n := labels(e)
		if n == 0 {
			continue // topics only: learned as seed terms on the topics page
		}
		if heldBack(ids[i]) {
			c.held = append(c.held, e)
		} else {
			c.learn = append(c.learn, e)
			c.learnedLabels += n
		}
	}
	if len(c.held) > scoredRecent {
		c.held = c.held[len(c.held)-scoredRecent:]
	}
	for _, e := range c.held {
		c.heldLabels += labels(e)
	}
	return c
}

func labels(e analyze.Example) int {
	n := 0
	for _, task := range tasks {
		if task(e) != "" {
			n++
		}
	}
	return n
}

// score is the share of the held-back labels model gets right; 0 for none.
func score(model *analyze.Analyzer, held []analyze.Example) float64 {
	right, total := 0, 0
	for _, e := range held {
		got := exampleOf(model.Analyze(e.Text))
		for _, task := range tasks {
			if gold := task(e); gold != "" {
				total++
				if task(got) == gold {
					right++
				}
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}
