package web

import (
	"net/http"
	"strconv"

	"github.com/resonanz/resonanz"
)

// statusAll is the status filter that shows every status; no status filter
// shows the open work.
const statusAll = "all"

// mostCounted bounds each count of the inbox's views: beyond it the view
// shows "999+", and a count never reads more than that many index entries.
const mostCounted = 1000

// inboxViewLink is one of the inbox's views of open work, with its count.
type inboxViewLink struct {
	Name    string // all, mine, unassigned, overdue; the key of its label
	URL     string
	Count   string
	Current bool
}

// inboxViews counts the open work the user may see: all of it, theirs, the
// unassigned and the overdue.
func (s *Server) inboxViews(r *http.Request, shown resonanz.ConversationFilter) ([]inboxViewLink, error) {
	u := userFrom(r.Context())
	open := resonanz.ConversationFilter{OpenWork: true, VisibleTo: u.VisibleTo()}
	mine, unassigned, overdue := open, open, open
	mine.OwnerID, unassigned.Unassigned, overdue.Overdue = u.ID, true, true
	views := []struct {
		name, url string
		f         resonanz.ConversationFilter
	}{{"all", "/", open}, {"mine", "/?mine=1", mine}, {"unassigned", "/?unassigned=1", unassigned}, {"overdue", "/?overdue=1", overdue}}
	links := make([]inboxViewLink, 0, len(views))
	for _, v := range views {
		n, err := s.Conversations.CountConversations(r.Context(), v.f, mostCounted)
		if err != nil {
			return nil, err
		}
		count := strconv.Itoa(n)
		if n >= mostCounted {
			count = strconv.Itoa(mostCounted-1) + "+"
		}
		links = append(links, inboxViewLink{Name: v.name, URL: v.url, Count: count, Current: sameView(shown, v.f)})
	}
	return links, nil
}

// sameView tells whether the inbox shows exactly the view f, nothing else filtered.
func sameView(shown, f resonanz.ConversationFilter) bool {
	shown.VisibleTo, shown.After, shown.Limit = f.VisibleTo, nil, 0
	return shown == f
}
