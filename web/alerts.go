package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// crisisView is the crisis room of one alert.
type crisisView struct {
	Alert *resonanz.Alert
	// Messages are the room's; Left those of the storm's key and time the
	// room left in the inbox.
	Messages, Left []*resonanz.RoomMessage
	Customers      []roomCustomer
	Bulk           *bulkForm
	BulkReplies    []*resonanz.BulkReply
	JustSent       *resonanz.BulkReply // the bulk reply the agent has just sent
	Events         []*resonanz.AlertEvent
}

// roomCustomer is a customer of the crisis room.
type roomCustomer struct {
	ContactID int64
	Name      string
}

// crisisMessages bounds how many messages the crisis room lists.
const crisisMessages = 500

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	alerts, err := s.Alerts.FindAlerts(r.Context(), true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "alerts", alerts)
}

// handleCrisisRoom shows one alert with every message in it and the customers affected.
func (s *Server) handleCrisisRoom(w http.ResponseWriter, r *http.Request) {
	v, err := s.crisisRoom(r, &bulkForm{Draft: s.defaultBulkDraft()})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if sent, err := strconv.ParseInt(r.URL.Query().Get("sent"), 10, 64); err == nil {
		for _, b := range v.BulkReplies {
			if b.ID == sent {
				v.JustSent = b
			}
		}
	}
	s.render(w, r, http.StatusOK, "crisis", v)
}

// crisisRoom gathers the crisis room of the alert in the path, with the bulk reply form as given.
func (s *Server) crisisRoom(r *http.Request, bulk *bulkForm) (*crisisView, error) {
	id, err := alertID(r)
	if err != nil {
		return nil, err
	}
	a, err := s.Alerts.FindAlertByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	hits, err := s.Alerts.RoomMessages(r.Context(), id, true, crisisMessages)
	if err != nil {
		return nil, err
	}
	left, err := s.Alerts.RoomMessages(r.Context(), id, false, crisisMessages)
	if err != nil {
		return nil, err
	}
	replies, err := s.Alerts.BulkReplies(r.Context(), id)
	if err != nil {
		return nil, err
	}
	events, err := s.Alerts.AlertEvents(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &crisisView{Alert: a, Messages: hits, Left: left, Bulk: bulk, BulkReplies: replies, Events: events}
	seen := map[int64]bool{}
	for _, h := range hits {
		if h.ContactID != 0 && !seen[h.ContactID] {
			seen[h.ContactID] = true
			v.Customers = append(v.Customers, roomCustomer{h.ContactID, h.CustomerName})
		}
	}
	return v, nil
}

func (s *Server) handleAlertStatus(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.Alerts.SetAlertStatus(r.Context(), id, userFrom(r.Context()), r.PostFormValue("status"))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.Events.Publish(resonanz.LiveEvent{Kind: resonanz.LiveAlert, AlertID: id})
	http.Redirect(w, r, "/alerts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// eventWriteTimeout is how long writing one event of the live stream may take.
const eventWriteTimeout = 30 * time.Second

// handleEvents tells the browser, as server-sent events, the version of the
// alerts: the current one at once, and a new one whenever an alert changes.
// Pages fetch their alert bar when it shows an older version; one stream
// serves every page of a browser (see static/live.js). It also names the
// conversations (that the user may open) whose viewers changed, so that
// their pages fetch who is on them now.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "Streaming is not supported.", http.StatusInternalServerError)
		return
	}
	news, cancel := s.Events.Subscribe()
	defer cancel()
	// The stream lives longer than the server's timeouts allow a request:
	// reading ends only when the browser goes, and each event gets its own
	// time to be written, so a reader that stalls is still cut off.
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout))
	fmt.Fprintf(w, "event: alerts\ndata: %d\n\n", s.Events.Version())
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, open := <-news:
			if !open {
				return
			}
			rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout))
			if e.Kind != resonanz.LivePresence {
				fmt.Fprintf(w, "event: alerts\ndata: %d\n\n", s.Events.Version())
			} else if s.mayWatch(r, e.ConversationID) {
				fmt.Fprintf(w, "event: presence\ndata: %d\n\n", e.ConversationID)
			} else {
				continue
			}
			flusher.Flush()
		}
	}
}
