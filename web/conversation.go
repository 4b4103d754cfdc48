package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

type conversationView struct {
	*resonanz.Timeline
	rowForms
	ChannelInfo resonanz.ChannelInfo
	ReplyPublic bool // the reply box's default: answer the way the customer wrote
	// ReplyBlocked tells that the customer does not want to be contacted on this channel.
	ReplyBlocked bool
	Channels     []resonanz.ChannelInfo // for the channels of a contact wish
	Teams        []*resonanz.Team
	Users        []*resonanz.User
	Statuses     []string
	Labels       labelChoices
	Followup     caseFollowup
}

// handleConversation shows the customer's whole timeline and the tools to work the case.
func (s *Server) handleConversation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderConversation(w, r, id, http.StatusOK, caseForms{})
}

// caseForms are the follow-up forms of a conversation as they came back
// with a problem: the promise and goodwill forms, or one row's form.
type caseForms struct {
	rowForms
	Promise  promiseForm
	Goodwill goodwillForm
}

// renderConversation shows conversation id with its forms as given.
func (s *Server) renderConversation(w http.ResponseWriter, r *http.Request, id int64, status int, forms caseForms) {
	if err := s.mayOpen(r, id); err != nil {
		s.pageError(w, r, err)
		return
	}
	tl, err := s.Conversations.Timeline(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	teams, err := s.Users.FindTeams(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	users, err := s.Users.FindUsers(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	fu, err := s.caseFollowup(r.Context(), tl.Conversation, s.zoneOf(userFrom(r.Context())))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if forms.missing(fu.Promises, fu.Grants) {
		s.pageError(w, r, forms.Problem.err)
		return
	}
	fu.Promise, fu.Goodwill = forms.Promise, forms.Goodwill
	ch, _ := resonanz.LookupChannel(tl.Conversation.Channel)
	v := conversationView{rowForms: forms.rowForms, Followup: fu, Timeline: tl, ChannelInfo: ch, Teams: teams, Users: users, Statuses: resonanz.Statuses, Labels: s.labelChoices(),
		ReplyPublic:  ch.ReplyVisibility(tl.Conversation.Visibility == resonanz.Public),
		ReplyBlocked: tl.Contact.Consent.Forbids(tl.Conversation.Channel), Channels: resonanz.Channels}
	s.render(w, r, status, "conversation", v)
}

func (s *Server) handleReply(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		_, err := s.Conversations.Reply(r.Context(), id, userFrom(r.Context()), r.PostFormValue("text"),
			r.PostFormValue("visibility") == resonanz.Public)
		return err
	})
}

// handleRetryReply queues a failed reply again.
func (s *Server) handleRetryReply(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
		if err != nil {
			return resonanz.Errorf(resonanz.ENOTFOUND, "No such reply.").Keyed("reply.unknown")
		}
		return s.Outbox.RetryReply(r.Context(), id, item, userFrom(r.Context()))
	})
}

func (s *Server) handleNote(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		return s.Conversations.AddNote(r.Context(), id, userFrom(r.Context()), r.PostFormValue("text"))
	})
}

// handleUpdate changes status, team or owner; "assign_me" assigns the current user.
func (s *Server) handleUpdate(w http.ResponseWriter, r *http.Request) {
	s.changeConversation(w, r, func(id int64) error {
		var upd resonanz.ConversationUpdate
		if v := r.PostFormValue("status"); v != "" {
			upd.Status = &v
		}
		if v := r.PostFormValue("team"); v != "" {
			teamID, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return resonanz.FieldError("team", "No such team.").Keyed("team.unknown")
			}
			upd.TeamID = &teamID
		}
		if v := r.PostFormValue("owner"); v != "" {
			ownerID, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return resonanz.FieldError("owner", "No such user.").Keyed("user.unknown")
			}
			upd.OwnerID = &ownerID
		}
		if r.PostFormValue("assign_me") != "" {
			me := userFrom(r.Context()).ID
			upd.OwnerID = &me
		}
		return s.Conversations.UpdateConversation(r.Context(), id, userFrom(r.Context()), upd)
	})
}

// handleCorrectLabel replaces one label of a customer message, as an agent
// corrects the analysis; the correction is kept for training.
func (s *Server) handleCorrectLabel(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.pageError(w, r, resonanz.Errorf(resonanz.ENOTFOUND, "No such message.").Keyed("message.unknown"))
		return
	}
	field, value := r.PostFormValue("field"), r.PostFormValue("value")
	if field == "topics" { // checkboxes: every checked topic, none for no topic
		value = strings.Join(r.PostForm["value"], ",")
	}
	conversationID, err := s.Conversations.CorrectLabel(r.Context(), id, userFrom(r.Context()), field, value)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/conversations/"+strconv.FormatInt(conversationID, 10), http.StatusSeeOther)
}

// changeConversation runs a change and returns to the conversation (post/redirect/get).
func (s *Server) changeConversation(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	if err == nil {
		err = change(id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/conversations/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// changeFollowup runs a change from the promise or goodwill form of a
// conversation. A problem with what was typed shows the conversation again,
// with the form as typed (kept fills it in) and the problem beside it.
func (s *Server) changeFollowup(w http.ResponseWriter, r *http.Request, change func(id int64) error, kept func(problem, field string) caseForms) {
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	if err == nil {
		err = change(id)
	}
	page := "/conversations/" + strconv.FormatInt(id, 10)
	switch {
	case err == nil:
		http.Redirect(w, r, page, http.StatusSeeOther)
	case inline(err):
		s.renderConversation(w, asPage(r, page), id, errorStatus(err), kept(s.locale(r).Error(err), resonanz.ErrorField(err)))
	default:
		s.pageError(w, r, err)
	}
}

// mayOpen refuses a conversation the user may not see as if it did not exist.
func (s *Server) mayOpen(r *http.Request, id int64) error {
	ok, err := s.Conversations.CanSee(r.Context(), userFrom(r.Context()), id)
	if err == nil && !ok {
		err = resonanz.Errorf(resonanz.ENOTFOUND, "No such conversation.").Keyed("conversation.unknown")
	}
	return err
}
