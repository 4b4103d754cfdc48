package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// API page sizes: the default and the most one page holds.
const (
	apiPageSize    = 50
	apiMaxPageSize = 200
)

func (s *Server) apiRoutes() {
	s.mux.HandleFunc("GET /api/v1/openapi.json", s.handleOpenAPI)
	s.mux.HandleFunc("GET /api/v1/conversations", s.requireAPI(resonanz.ScopeRead, s.handleAPIConversations))
	s.mux.HandleFunc("GET /api/v1/conversations/{id}", s.requireAPI(resonanz.ScopeRead, s.handleAPIConversation))
	s.mux.HandleFunc("GET /api/v1/conversations/{id}/messages", s.requireAPI(resonanz.ScopeRead, s.handleAPIMessages))
	s.mux.HandleFunc("POST /api/v1/conversations/{id}/reply", s.requireAPI(resonanz.ScopeWrite, s.handleAPIReply))
	s.mux.HandleFunc("POST /api/v1/conversations/{id}/assign", s.requireAPI(resonanz.ScopeWrite, s.handleAPIAssign))
	s.mux.HandleFunc("POST /api/v1/conversations/{id}/status", s.requireAPI(resonanz.ScopeWrite, s.handleAPIStatus))
	s.mux.HandleFunc("POST /api/v1/conversations/{id}/notes", s.requireAPI(resonanz.ScopeWrite, s.handleAPINote))
	s.mux.HandleFunc("POST /api/v1/conversations/{id}/promises", s.requireAPI(resonanz.ScopeWrite, s.handleAPIPromise))
	s.mux.HandleFunc("GET /api/v1/contacts", s.requireAPI(resonanz.ScopeRead, s.handleAPIContacts))
	s.mux.HandleFunc("GET /api/v1/contacts/{id}", s.requireAPI(resonanz.ScopeRead, s.handleAPIContact))
	s.eventWebhookAPIRoutes()
}

// apiFilter reads the inbox filters of the query; unlike the inbox page, the
// API refuses a value it does not know instead of ignoring it.
func (s *Server) apiFilter(q url.Values) (resonanz.ConversationFilter, error) {
	f := resonanz.ConversationFilter{Limit: apiPageSize, Unassigned: q.Get("unassigned") == "true",
		Urgent: q.Get("urgent") == "true", Overdue: q.Get("overdue") == "true"}
	if q.Get("status") == "open_work" { // the inbox's default: open or waiting
		q.Del("status")
		f.OpenWork = true
	}
	labels := s.labelChoices()
	choices := []struct {
		name    string
		into    *string
		allowed []string
	}{
		{"status", &f.Status, resonanz.Statuses}, {"kind", &f.Kind, labels.Kinds},
		{"sentiment", &f.Sentiment, labels.Sentiments}, {"language", &f.Language, labels.Languages},
		{"topic", &f.Topic, labels.Topics}, {"priority", &f.Priority, resonanz.Priorities},
	}
	for _, c := range choices {
		v := q.Get(c.name)
		if v != "" && !slices.Contains(c.allowed, v) {
			return f, resonanz.FieldError(c.name, "Unknown %s %q.", c.name, v)
		}
		*c.into = v
	}
	for name, into := range map[string]*int64{"team": &f.TeamID, "owner": &f.OwnerID} {
		if v := q.Get(name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return f, resonanz.FieldError(name, "%s must be a numeric id.", name)
			}
			*into = id
		}
	}
	var err error
	if f.Channel, err = apiChannel(q); err != nil {
		return f, err
	}
	if f.Limit, err = apiLimit(q); err != nil {
		return f, err
	}
	f.After, err = decodeCursor(q.Get("cursor"))
	return f, err
}

// apiLimit reads the page size of a list; none: the default.
func apiLimit(q url.Values) (int, error) {
	v := q.Get("limit")
	if v == "" {
		return apiPageSize, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > apiMaxPageSize {
		return 0, resonanz.FieldError("limit", "limit must be a number from 1 to %d.", apiMaxPageSize)
	}
	return n, nil
}

// apiChannel reads a channel of the query; the API refuses one it does not know.
func apiChannel(q url.Values) (string, error) {
	v := q.Get("channel")
	if v == "" || slices.ContainsFunc(resonanz.Channels, func(ch resonanz.ChannelInfo) bool { return ch.Name == v }) {
		return v, nil
	}
	return "", resonanz.FieldError("channel", "Unknown channel %q.", v)
}

// handleAPIConversations lists conversations newest first, with the inbox's
// filters and keyset paging.
func (s *Server) handleAPIConversations(w http.ResponseWriter, r *http.Request) {
	f, err := s.apiFilter(r.URL.Query())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	f.VisibleTo = userFrom(r.Context()).VisibleTo()
	page, err := s.Conversations.FindConversations(r.Context(), f)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	list := make([]*apiConversation, 0, len(page.Conversations))
	for _, c := range page.Conversations {
		list = append(list, toAPIConversation(c))
	}
	var next *string
	if page.Next != nil {
		cursor := encodeCursor(page.Next)
		next = &cursor
	}
	writeJSON(w, http.StatusOK, map[string]any{"conversations": list, "next_cursor": next})
}

// apiConversationID returns the conversation of the path if the caller may see it.
func (s *Server) apiConversationID(r *http.Request) (int64, error) {
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	return id, err
}

func (s *Server) handleAPIConversation(w http.ResponseWriter, r *http.Request) {
	id, err := s.apiConversationID(r)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	s.writeConversation(w, r, http.StatusOK, id)
}

func (s *Server) writeConversation(w http.ResponseWriter, r *http.Request, status int, id int64) {
	c, err := s.Conversations.FindConversationByID(r.Context(), id)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, status, toAPIConversation(c))
}

// handleAPIMessages lists the messages of one conversation, oldest first.
func (s *Server) handleAPIMessages(w http.ResponseWriter, r *http.Request) {
	id, err := s.apiConversationID(r)
	var tl *resonanz.Timeline
	if err == nil {
		tl, err = s.Conversations.Timeline(r.Context(), id)
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	list := []*apiMessage{}
	for _, e := range tl.Entries {
		if e.Message != nil && e.InConversation {
			list = append(list, toAPIMessage(e.Message))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": list})
}

// apiChange decodes the body into v, checks the conversation and runs the change.
func (s *Server) apiChange(w http.ResponseWriter, r *http.Request, v any, change func(id int64, by *resonanz.User) error) (int64, bool) {
	id, err := s.apiConversationID(r)
	if err == nil {
		err = decodeJSON(w, r, v)
	}
	if err == nil {
		err = change(id, userFrom(r.Context()))
	}
	if err != nil {
		s.jsonError(w, r, err)
		return 0, false
	}
	return id, true
}

// handleAPIReply answers the customer through the outbox, with the same
// consent check as the reply box.
func (s *Server) handleAPIReply(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text   string `json:"text"`
		Public bool   `json:"public"`
	}
	var items []*resonanz.OutboxItem
	_, ok := s.apiChange(w, r, &body, func(id int64, by *resonanz.User) (err error) {
		items, err = s.Conversations.SendReply(r.Context(), id, by, resonanz.ReplyDraft{Parts: []string{body.Text}, Public: body.Public})
		return err
	})
	if !ok {
		return
	}
	out := []apiOutboxItem{}
	for _, it := range items {
		out = append(out, apiOutboxItem{ID: it.ID, MessageID: it.MessageID, State: it.State})
	}
	writeJSON(w, http.StatusCreated, map[string]any{"outbox": out})
}

// handleAPIAssign sets the owner or the team; null (or 0) removes it.
func (s *Server) handleAPIAssign(w http.ResponseWriter, r *http.Request) {
	var body map[string]*int64
	id, ok := s.apiChange(w, r, &body, func(id int64, by *resonanz.User) error {
		var upd resonanz.ConversationUpdate
		for field, v := range body {
			var zero int64
			if v == nil {
				v = &zero
			}
			switch field {
			case "owner_id":
				upd.OwnerID = v
			case "team_id":
				upd.TeamID = v
			default:
				return resonanz.FieldError(field, "Unknown field %q.", field)
			}
		}
		if upd.OwnerID == nil && upd.TeamID == nil {
			return resonanz.FieldError("owner_id", "Send owner_id, team_id or both.")
		}
		return s.Conversations.UpdateConversation(r.Context(), id, by, upd)
	})
	if ok {
		s.writeConversation(w, r, http.StatusOK, id)
	}
}

func (s *Server) handleAPIStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status string `json:"status"`
	}
	id, ok := s.apiChange(w, r, &body, func(id int64, by *resonanz.User) error {
		if !resonanz.ValidStatus(body.Status) {
			return resonanz.FieldError("status", "Unknown status %q.", body.Status)
		}
		return s.Conversations.UpdateConversation(r.Context(), id, by, resonanz.ConversationUpdate{Status: &body.Status})
	})
	if ok {
		s.writeConversation(w, r, http.StatusOK, id)
	}
}

func (s *Server) handleAPINote(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text string `json:"text"`
	}
	id, ok := s.apiChange(w, r, &body, func(id int64, by *resonanz.User) error {
		return s.Conversations.AddNote(r.Context(), id, by, body.Text)
	})
	if ok {
		writeJSON(w, http.StatusCreated, map[string]any{"conversation_id": id})
	}
}

// handleAPIPromise records a promise to the customer; its owner is a person
// who keeps it, so owner_id is required.
func (s *Server) handleAPIPromise(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text    string `json:"text"`
		DueAt   string `json:"due_at"`
		OwnerID int64  `json:"owner_id"`
	}
	var p *resonanz.Promise
	_, ok := s.apiChange(w, r, &body, func(id int64, by *resonanz.User) error {
		due, err := parseAPITime("due_at", body.DueAt)
		if err != nil {
			return err
		}
		p = &resonanz.Promise{ConversationID: id, Text: body.Text, DueAt: due, OwnerID: body.OwnerID}
		return s.Promises.AddPromise(r.Context(), p, by)
	})
	if ok {
		writeJSON(w, http.StatusCreated, apiPromise{ID: p.ID, ConversationID: p.ConversationID, Text: p.Text, DueAt: p.DueAt.UTC(),
			OwnerID: p.OwnerID, State: resonanz.PromiseOpen})
	}
}

// handleAPIContact shows a person with their handles and conversations.
// parseAPITime reads a required RFC 3339 time of field.
func parseAPITime(field, v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, resonanz.FieldError(field, "%s must be an RFC 3339 timestamp like 2026-11-23T10:00:00Z.", field)
	}
	return t, nil
}

func (s *Server) handleAPIContact(w http.ResponseWriter, r *http.Request) {
	missing := resonanz.Errorf(resonanz.ENOTFOUND, "No such contact.")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.jsonError(w, r, missing)
		return
	}
	if ok, err := s.Contacts.CanSeeContact(r.Context(), userFrom(r.Context()), id); err != nil || !ok {
		if err == nil {
			err = missing
		}
		s.jsonError(w, r, err)
		return
	}
	page, err := s.Contacts.ContactPage(r.Context(), id)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIContact(page))
}
