package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

type inboxView struct {
	Filter  resonanz.ConversationFilter
	Filters []filterSelect
	Mine    bool
	Page    *resonanz.ConversationPage
	NextURL string
	IsFirst bool
	Bulk    bulkActions
	Views   []inboxViewLink
	Period  *inboxPeriod // the conversations were opened in a period; nil: any time
}

// filterSelect is one drop-down of the inbox filters; Name is both the query
// parameter and the key of its translated label.
type filterSelect struct {
	Name    string
	Options []filterOption
	Empty   string // the key of the label of the choice that does not filter
}

type filterOption struct {
	Value, Text string
	Selected    bool
}

// filterSelects builds the inbox's drop-downs, labelled for the reader, with the current choices selected.
func filterSelects(l *locale, f resonanz.ConversationFilter, teams []*resonanz.Team, labels labelChoices) []filterSelect {
	options := func(values []string, selected, prefix string) []filterOption {
		var opts []filterOption
		for _, v := range values {
			opts = append(opts, filterOption{Value: v, Text: l.Label(prefix, v), Selected: v == selected})
		}
		return opts
	}
	var channels, teamOpts []filterOption
	for _, ch := range resonanz.Channels {
		channels = append(channels, filterOption{Value: ch.Name, Text: l.Channel(ch.Name), Selected: ch.Name == f.Channel})
	}
	for _, t := range teams {
		teamOpts = append(teamOpts, filterOption{Value: strconv.FormatInt(t.ID, 10), Text: t.Name, Selected: t.ID == f.TeamID})
	}
	statuses := append(options(resonanz.Statuses, f.Status, "status"),
		filterOption{Value: statusAll, Text: l.T("all"), Selected: f.Status == "" && !f.OpenWork})
	selects := []filterSelect{
		{"status", statuses, "inbox.openwork"},
		{"channel", channels, "all"},
		{"team", teamOpts, "all"},
		{"kind", options(labels.Kinds, f.Kind, "kind"), "all"},
		{"sentiment", options(labels.Sentiments, f.Sentiment, "sentiment"), "all"},
		{"topic", options(labels.Topics, f.Topic, "topic"), "all"},
		{"language", options(labels.Languages, f.Language, "language"), "all"},
		{"priority", options(resonanz.Priorities, f.Priority, "priority"), "all"},
	}
	return slices.DeleteFunc(selects, func(fs filterSelect) bool { return len(fs.Options) == 0 })
}

// labelChoices are the values the analysis gives, for filters and corrections.
type labelChoices struct {
	Kinds, Sentiments, Languages, Topics []string
}

func (s *Server) labelChoices() labelChoices {
	return labelChoices{
		Kinds:      []string{resonanz.KindComplaint, resonanz.KindQuestion, resonanz.KindPraise, resonanz.KindSuggestion, resonanz.KindOther},
		Sentiments: []string{resonanz.Negative, resonanz.Neutral, resonanz.Positive},
		Languages:  []string{resonanz.LangGerman, resonanz.LangEnglish, resonanz.LangOther},
		Topics:     s.TopicNames(),
	}
}

// ForCorrection lists the single-valued labels an agent can correct, with their choices.
func (l labelChoices) ForCorrection() map[string][]string {
	return map[string][]string{"sentiment": l.Sentiments, "kind": l.Kinds, "language": l.Languages}
}

// oneOf returns v if it is one of the allowed values, else "" (no filter).
func oneOf(v string, allowed []string) string {
	if slices.Contains(allowed, v) {
		return v
	}
	return ""
}

// handleInbox lists conversations newest first, filtered by the query string.
func (s *Server) handleInbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := resonanz.ConversationFilter{Status: q.Get("status"), Channel: q.Get("channel"), Unassigned: q.Get("unassigned") == "1", Limit: 50}
	if !resonanz.ValidStatus(f.Status) {
		// Without a status the inbox shows the work not done; "all" shows every status.
		f.OpenWork, f.Status = f.Status != statusAll, ""
	}
	if _, ok := resonanz.LookupChannel(f.Channel); !ok {
		f.Channel = ""
	}
	f.TeamID, _ = strconv.ParseInt(q.Get("team"), 10, 64)
	labels := s.labelChoices()
	f.Kind, f.Sentiment = oneOf(q.Get("kind"), labels.Kinds), oneOf(q.Get("sentiment"), labels.Sentiments)
	f.Language, f.Topic = oneOf(q.Get("language"), labels.Languages), oneOf(q.Get("topic"), labels.Topics)
	f.Urgent, f.ByDue, f.Overdue = q.Get("urgent") == "1", q.Get("due") == "1", q.Get("overdue") == "1"
	f.Priority = oneOf(q.Get("priority"), resonanz.Priorities)
	mine := q.Get("mine") == "1"
	if mine {
		f.OwnerID = userFrom(r.Context()).ID
	} else if owner, err := strconv.ParseInt(q.Get("owner"), 10, 64); err == nil && owner > 0 {
		f.OwnerID = owner
	}
	f.CreatedFrom, f.CreatedBefore = createdRange(q, s.Location)
	f.After = parseCursor(q.Get("after"))
	f.VisibleTo = userFrom(r.Context()).VisibleTo()
	page, err := s.Conversations.FindConversations(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	teams, err := s.Users.FindTeams(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	bulk, err := s.bulkActions(r, labels)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	views, err := s.inboxViews(r, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := inboxView{Filter: f, Filters: filterSelects(s.locale(r), f, teams, labels), Mine: mine, Page: page, IsFirst: f.After == nil, Bulk: bulk,
		Views: views, Period: inboxPeriodOf(q, f)}
	if v.Period != nil {
		// Opened from a report: say how many conversations match, as the report counted them.
		if v.Period.Matching, err = s.Conversations.CountConversations(r.Context(), f, mostMatching); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if page.Next != nil {
		next := url.Values{}
		for k, vals := range q {
			if k != "after" && k != "changed" {
				next[k] = vals
			}
		}
		next.Set("after", formatCursor(page.Next))
		v.NextURL = "/?" + next.Encode()
	}
	s.render(w, r, http.StatusOK, "inbox", v)
}

// formatCursor writes a cursor as "<unix ms>.<id>".
func formatCursor(c *resonanz.Cursor) string {
	return strconv.FormatInt(c.LastMessageAt.UnixMilli(), 10) + "." + strconv.FormatInt(c.ID, 10)
}

// parseCursor reads a cursor; a malformed one starts from the newest.
func parseCursor(s string) *resonanz.Cursor {
	ms, id, ok := strings.Cut(s, ".")
	if !ok {
		return nil
	}
	t, err1 := strconv.ParseInt(ms, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err1 != nil || err2 != nil {
		return nil
	}
	return &resonanz.Cursor{LastMessageAt: time.UnixMilli(t).UTC(), ID: n}
}
