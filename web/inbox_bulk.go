package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// bulkActions is what the inbox offers to do with the chosen conversations.
type bulkActions struct {
	Users    []*resonanz.User
	Statuses []string
	Topics   []string
	Changed  int // how many conversations the last bulk action changed
}

func (s *Server) bulkActions(r *http.Request, labels labelChoices) (bulkActions, error) {
	users, err := s.Users.FindUsers(r.Context())
	changed, _ := strconv.Atoi(r.URL.Query().Get("changed"))
	return bulkActions{Users: users, Statuses: resonanz.Statuses, Topics: labels.Topics, Changed: changed}, err
}

// maxBulk bounds how many conversations one bulk action changes: an inbox page.
const maxBulk = 200

// bulkChange is what a bulk action does to each chosen conversation.
type bulkChange struct {
	update resonanz.ConversationUpdate
	topic  string // added to the topics of the customer's latest message
}

// handleBulk assigns, sets the status of or adds a topic to the chosen
// conversations, each change audited in its conversation as if made there.
// A conversation the user may not open stops the whole action before
// anything changes.
func (s *Server) handleBulk(w http.ResponseWriter, r *http.Request) {
	ids, err := bulkIDs(r)
	var change bulkChange
	if err == nil {
		change, err = s.bulkChange(r)
	}
	for _, id := range ids {
		if err == nil {
			err = s.mayOpen(r, id)
		}
	}
	for _, id := range ids {
		if err == nil {
			err = s.applyBulk(r, id, change)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	back, _ := url.Parse(localPath(r.PostFormValue("back"), "/"))
	q := back.Query()
	q.Set("changed", strconv.Itoa(len(ids)))
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusSeeOther)
}

// bulkIDs reads the chosen conversations.
func bulkIDs(r *http.Request) ([]int64, error) {
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No such conversation.")
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return nil, resonanz.FieldError("id", "Choose the conversations to change first.")
	case len(ids) > maxBulk:
		return nil, resonanz.FieldError("id", "Change at most %d conversations at once.", maxBulk)
	}
	return ids, nil
}

// bulkChange reads what to do: owner ("me", "0" for nobody, or a user id),
// status, topic; at least one of them.
func (s *Server) bulkChange(r *http.Request) (bulkChange, error) {
	var c bulkChange
	switch v := r.PostFormValue("owner"); v {
	case "":
	case "me":
		c.update.OwnerID = &userFrom(r.Context()).ID
	default:
		owner, err := strconv.ParseInt(v, 10, 64)
		if err != nil || owner < 0 {
			return c, resonanz.FieldError("owner", "No such user.")
		}
		c.update.OwnerID = &owner
	}
	if v := r.PostFormValue("status"); v != "" {
		if !resonanz.ValidStatus(v) {
			return c, resonanz.FieldError("status", "Unknown status %q.", v)
		}
		c.update.Status = &v
	}
	if c.topic = r.PostFormValue("topic"); c.topic != "" && !slices.Contains(s.TopicNames(), c.topic) {
		return c, resonanz.FieldError("topic", "No such topic: %q.", c.topic)
	}
	if c.update.OwnerID == nil && c.update.Status == nil && c.topic == "" {
		return c, resonanz.FieldError("owner", "Choose an owner, a status or a topic.")
	}
	return c, nil
}

// applyBulk makes the change to one conversation through the same services
// as the conversation page: UpdateConversation and CorrectLabel.
func (s *Server) applyBulk(r *http.Request, id int64, c bulkChange) error {
	ctx, u := r.Context(), userFrom(r.Context())
	if c.update.OwnerID != nil || c.update.Status != nil {
		if err := s.Conversations.UpdateConversation(ctx, id, u, c.update); err != nil {
			return err
		}
	}
	if c.topic == "" {
		return nil
	}
	conv, err := s.Conversations.FindConversationByID(ctx, id)
	if err != nil || slices.Contains(conv.Topics, c.topic) {
		return err
	}
	message, err := s.Conversations.LatestCustomerMessage(ctx, id)
	if err != nil {
		return err
	}
	_, err = s.Conversations.CorrectLabel(ctx, message, u, "topics", strings.Join(append(conv.Topics, c.topic), ","))
	return err
}
