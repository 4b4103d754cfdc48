package report

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/resonanz/resonanz"
)

// EventWeekly is the event of the weekly summary, for webhook receivers.
const EventWeekly = "report.weekly"

// Summary is the week's key figures as receivers and the mail get them:
// numbers only, durations in seconds, dates in the company's time zone.
type Summary struct {
	Event               string       `json:"event"`
	From                string       `json:"from"` // the week's Monday
	To                  string       `json:"to"`   // its Sunday
	URL                 string       `json:"url"`  // the overview of the week
	New                 int          `json:"new_conversations"`
	Answered            int          `json:"answered"`
	FirstResponseMedian int64        `json:"first_response_median_seconds"`
	FirstResponseP90    int64        `json:"first_response_p90_seconds"`
	Solved              int          `json:"solved"`
	ResolutionMedian    int64        `json:"resolution_median_seconds"`
	ResolutionP90       int64        `json:"resolution_p90_seconds"`
	GoalsMet            int          `json:"goals_met"`
	GoalsDecided        int          `json:"goals_decided"`
	OpenNow             int          `json:"open_now"`
	PromisesKept        int          `json:"promises_kept"`
	PromisesBroken      int          `json:"promises_broken"`
	PromisesOverdue     int          `json:"promises_overdue"`
	GoodwillGrants      int          `json:"goodwill_grants"`
	GoodwillCents       int64        `json:"goodwill_cents"`
	Praise              int          `json:"praise"`
	Complaints          int          `json:"complaints"`
	TopTopics           []TopicCount `json:"top_topics"`
}

// WeeklySummaryQueue keeps each week's summary until it is delivered.
type WeeklySummaryQueue interface {
	// QueueWeeklySummary queues the news unless the week's was queued before.
	QueueWeeklySummary(ctx context.Context, week string, n *resonanz.AlertNews) (bool, error)
}

// Weekly sends the summary of each past week (Monday to Sunday in the
// company's time zone) once, on the Monday after, by the alert webhooks and
// the alert email.
type Weekly struct {
	Reporter *Reporter
	Queue    WeeklySummaryQueue
	URLs     []string                          // the alert webhooks; none: mail only
	Mail     func(Summary) *resonanz.AlertMail // nil: webhooks only
	BaseURL  string
	Now      func() time.Time
	Logger   *slog.Logger
}

// LastWeek returns the last complete week before now: Monday to Sunday.
func LastWeek(now time.Time, loc *time.Location) Period {
	today := midnight(now, loc)
	back := (int(today.Weekday()) + 6) % 7 // days since Monday
	monday := today.AddDate(0, 0, -back-7)
	return NewPeriod(monday, monday.AddDate(0, 0, 6), loc)
}

// SendDue queues last week's summary if it has not gone out yet.
func (w *Weekly) SendDue(ctx context.Context) (bool, error) {
	week := LastWeek(w.Now(), w.Reporter.Location)
	o, err := w.Reporter.Overview(ctx, Filter{Period: week}, w.Now())
	if err != nil {
		return false, err
	}
	s := SummaryOf(o)
	s.URL = w.BaseURL + "/reports?from=" + s.From + "&to=" + s.To
	payload, err := json.Marshal(s)
	if err != nil {
		return false, err
	}
	n := &resonanz.AlertNews{Event: EventWeekly, Payload: payload, URLs: w.URLs}
	if w.Mail != nil {
		n.Mail = w.Mail(s)
	}
	return w.Queue.QueueWeeklySummary(ctx, s.From, n)
}

// Run checks every pause whether a summary is due, until ctx ends.
func (w *Weekly) Run(ctx context.Context, pause time.Duration) {
	for {
		if queued, err := w.SendDue(ctx); err != nil && ctx.Err() == nil {
			w.Logger.Error("weekly summary", "err", err)
		} else if queued {
			w.Logger.Info("weekly summary queued")
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
	}
}

// SummaryOf takes the key figures of an overview.
func SummaryOf(o *Overview) Summary {
	p := o.Filter.Period
	return Summary{Event: EventWeekly, From: p.From.Format(time.DateOnly), To: p.Last().Format(time.DateOnly), New: o.New,
		Answered: o.FirstResponse.Count, FirstResponseMedian: seconds(o.FirstResponse.Median), FirstResponseP90: seconds(o.FirstResponse.P90),
		Solved: o.Resolution.Count, ResolutionMedian: seconds(o.Resolution.Median), ResolutionP90: seconds(o.Resolution.P90),
		GoalsMet: o.Goals.Met, GoalsDecided: o.Goals.Decided, OpenNow: o.Backlog.Open,
		PromisesKept: o.Promises.Kept, PromisesBroken: o.Promises.Broken, PromisesOverdue: o.Promises.Overdue,
		GoodwillGrants: o.Goodwill.Grants, GoodwillCents: o.Goodwill.Amount, Praise: o.Praise, Complaints: o.Complaints,
		TopTopics: o.Topics}
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }
