package report

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/resonanz/resonanz"
)

// Filter is what a dashboard shows: a period and the conversations' team,
// channel, topic, language and owner (zero values do not filter).
type Filter struct {
	Period   Period
	TeamID   int64
	OwnerID  int64
	Channel  string
	Topic    string
	Language string
}

// facts returns the store's filter for period p.
func (f Filter) facts(p Period) resonanz.ReportFilter {
	return resonanz.ReportFilter{From: p.From, To: p.To, TeamID: f.TeamID, OwnerID: f.OwnerID, Channel: f.Channel, Topic: f.Topic, Language: f.Language}
}

// Series counts conversations per bucket and key (a channel, a kind, a sentiment).
type Series struct {
	Keys   []string
	Counts [][]int // [bucket][key]
	Totals []int   // per key
}

// TopicCount is how many of the period's conversations are about a topic,
// and how many of the period before.
type TopicCount struct {
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Before int    `json:"before"`
}

// Rise is how many more conversations the topic had than in the period before.
func (t TopicCount) Rise() int { return t.Count - t.Before }

// Goals tells how the answer-time goals of the period's conversations went.
type Goals struct {
	WithGoal int // conversations with an answer-time goal
	Decided  int // of those, answered or past a goal
	Met      int // of those decided, never past a goal
}

// Age is one bar of the backlog: open work created in [From, To) (zero
// bounds are open), labelled by Key.
type Age struct {
	Key      string
	From, To time.Time
	Count    int
}

// Backlog is the open work now, by age.
type Backlog struct {
	Open   int
	Ages   []Age
	Oldest time.Time // zero: none open
}

// Overview is the dashboard of one period and filter.
type Overview struct {
	Filter        Filter
	Buckets       []Bucket
	New           int // conversations created in the period
	ByChannel     Series
	ByKind        Series
	BySentiment   Series
	Topics        []TopicCount // the most frequent, most first
	Rising        []TopicCount // grown most against the period before
	FirstResponse Times        // business time from the first customer message to the first answer
	Resolution    Times        // business time from the first customer message to solved
	Goals         Goals
	Backlog       Backlog
	Promises      resonanz.PromiseTally
	Goodwill      resonanz.GoodwillTally
	Praise        int
	Complaints    int
	Surveys       resonanz.SurveyTally // answered in the period
}

// Orders of the keys of each series; keys outside them follow, sorted.
var (
	KindOrder      = []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise, resonanz.KindSuggestion, resonanz.KindOther}
	SentimentOrder = []string{resonanz.Negative, resonanz.Neutral, resonanz.Positive}
)

// topTopics is how many topics the lists show.
const topTopics = 8

// Reporter computes the dashboards.
type Reporter struct {
	Facts resonanz.ReportFacts
	SLA   resonanz.SLAService
	// Location is the company's time zone: days start at its midnight.
	Location *time.Location
}

// Overview computes the dashboard of f at now.
func (r *Reporter) Overview(ctx context.Context, f Filter, now time.Time) (*Overview, error) {
	rolled, err := r.rolledUp(ctx, f.Period)
	if err != nil {
		return nil, err
	}
	counts, err := r.counts(ctx, f, rolled)
	if err != nil {
		return nil, err
	}
	answers, err := r.Facts.AnswerFacts(ctx, f.facts(f.Period))
	if err != nil {
		return nil, err
	}
	cals, err := loadCalendars(ctx, r.SLA)
	if err != nil {
		return nil, err
	}
	o := &Overview{Filter: f, Buckets: f.Period.Buckets()}
	o.ByChannel = tally(o.Buckets, counts, channelOrder(), func(c *resonanz.CountFact) string { return c.Channel })
	o.ByKind = tally(o.Buckets, counts, KindOrder, func(c *resonanz.CountFact) string { return c.Kind })
	o.BySentiment = tally(o.Buckets, counts, SentimentOrder, func(c *resonanz.CountFact) string { return c.Sentiment })
	o.FirstResponse, o.Resolution = cals.answerTimes(answers)
	o.Goals = goalsOf(answers)
	for i := range counts {
		o.New += counts[i].Count
		switch counts[i].Kind {
		case resonanz.KindPraise:
			o.Praise += counts[i].Count
		case resonanz.KindComplaint:
			o.Complaints += counts[i].Count
		}
	}
	if o.Topics, o.Rising, err = r.topics(ctx, f, rolled); err != nil {
		return nil, err
	}
	if o.Backlog, err = r.backlog(ctx, f, now, rolled); err != nil {
		return nil, err
	}
	if o.Promises, err = r.Facts.PromiseTally(ctx, f.facts(f.Period), now); err != nil {
		return nil, err
	}
	if o.Goodwill, err = r.Facts.GoodwillTally(ctx, f.facts(f.Period)); err != nil {
		return nil, err
	}
	if o.Surveys, err = r.Facts.SurveyTally(ctx, f.facts(f.Period)); err != nil {
		return nil, err
	}
	return o, nil
}

func channelOrder() []string {
	names := make([]string, 0, len(resonanz.Channels))
	for _, c := range resonanz.Channels {
		names = append(names, c.Name)
	}
	return names
}

// rolledUp tells whether the store's rollups count by the local days of
// the report and its period; before the server has named its zone they
// count by none, and the figures come from the conversations themselves.
func (r *Reporter) rolledUp(ctx context.Context, p Period) (bool, error) {
	zone, err := r.Facts.ReportZone(ctx)
	return zone == r.Location.String() && zone == p.From.Location().String(), err
}

// counts returns the period's conversations per day (rollups) or per slot
// (the conversations), channel, kind and sentiment.
func (r *Reporter) counts(ctx context.Context, f Filter, rolled bool) ([]resonanz.CountFact, error) {
	if rolled {
		return r.Facts.DayCounts(ctx, f.facts(f.Period))
	}
	return r.Facts.ConversationCounts(ctx, f.facts(f.Period), slot)
}

// slot is the time the store counts conversations by: a quarter of an
// hour divides the local days of every time zone in use (the offsets are
// whole quarter hours), so slots add up to days exactly.
const slot = 15 * time.Minute

// tally adds the counts up per bucket and key. Keys in order come first,
// those that occur; keys not in order follow, sorted.
func tally(buckets []Bucket, facts []resonanz.CountFact, order []string, key func(*resonanz.CountFact) string) Series {
	counts := map[string][]int{}
	for i := range facts {
		b := index(buckets, facts[i].Slot)
		if b < 0 {
			continue
		}
		k := key(&facts[i])
		if counts[k] == nil {
			counts[k] = make([]int, len(buckets))
		}
		counts[k][b] += facts[i].Count
	}
	var keys []string
	for _, k := range order {
		if counts[k] != nil {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range counts {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	s := Series{Keys: append(keys, rest...), Counts: make([][]int, len(buckets))}
	s.Totals = make([]int, len(s.Keys))
	for b := range buckets {
		s.Counts[b] = make([]int, len(s.Keys))
		for k, name := range s.Keys {
			s.Counts[b][k] = counts[name][b]
			s.Totals[k] += counts[name][b]
		}
	}
	return s
}

func goalsOf(facts []resonanz.AnswerFact) Goals {
	var g Goals
	for i := range facts {
		f := &facts[i]
		if f.PolicyID == 0 {
			continue
		}
		g.WithGoal++
		if f.Breached || !f.FirstResponseAt.IsZero() {
			g.Decided++
			if !f.Breached {
				g.Met++
			}
		}
	}
	return g
}

// topics returns the most frequent topics of the period and those that grew
// most against the period before.
func (r *Reporter) topics(ctx context.Context, f Filter, rolled bool) (top, rising []TopicCount, err error) {
	// Of the conversations about the filter's topic, their other topics are
	// not in the rollups.
	tally := r.Facts.TopicTally
	if rolled && f.Topic == "" {
		tally = r.Facts.DayTopicTally
	}
	now, err := tally(ctx, f.facts(f.Period))
	if err != nil {
		return nil, nil, err
	}
	before, err := tally(ctx, f.facts(f.Period.Before()))
	if err != nil {
		return nil, nil, err
	}
	var all []TopicCount
	for name, n := range now {
		all = append(all, TopicCount{Name: name, Count: n, Before: before[name]})
	}
	slices.SortFunc(all, func(a, b TopicCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name)) })
	top = all[:min(len(all), topTopics)]
	for _, t := range all {
		if t.Rise() > 0 {
			rising = append(rising, t)
		}
	}
	slices.SortFunc(rising, func(a, b TopicCount) int { return cmp.Or(cmp.Compare(b.Rise(), a.Rise()), cmp.Compare(a.Name, b.Name)) })
	return top, rising[:min(len(rising), topTopics)], nil
}
