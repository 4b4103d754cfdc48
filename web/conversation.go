package web

import (
	"context"
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
	// Decisions tell what may leave now (a reply, a survey, news), beside
	// the reply box; ReplyBlocked that the reply may not.
	Decisions    []resonanz.ConsentDecision
	ReplyBlocked bool
	// The agent's form of a wish, and the link to the customer's wishes page.
	Purposes     []string
	WishStates   []string
	WishChannels []string
	WishesLink   string
	Surveys      []*resonanz.Survey
	Teams        []*resonanz.Team
	Users        []*resonanz.User
	Statuses     []string
	Labels       labelChoices
	Followup     caseFollowup
	Reply        *replyBox
	Presence     []resonanz.Viewer // the colleagues who view or write in it too
	Praise       casePraise
}

// handleConversation shows the customer's whole timeline and the tools to work the case.
func (s *Server) handleConversation(w http.ResponseWriter, r *http.Request) {
	s.showConversation(w, r, http.StatusOK, &replyBox{})
}

// showConversation renders the conversation of the path with the reply box
// as given: empty, or with what the agent typed and why it was not sent.
func (s *Server) showConversation(w http.ResponseWriter, r *http.Request, status int, box *replyBox) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderConversation(w, r, id, status, caseForms{Reply: box})
}

// caseForms are the follow-up forms of a conversation as they came back
// with a problem: the promise and goodwill forms, or one row's form.
type caseForms struct {
	rowForms
	Promise  promiseForm
	Goodwill goodwillForm
	Reply    *replyBox // the reply box as typed; nil: empty
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
	box := forms.Reply
	if box == nil {
		box = &replyBox{}
	}
	if err := s.fillReplyBox(r, tl, teams, box); err != nil {
		s.pageError(w, r, err)
		return
	}
	if forms.missing(fu.Promises, fu.Grants) {
		s.pageError(w, r, forms.Problem.err)
		return
	}
	fu.Promise, fu.Goodwill = forms.Promise, forms.Goodwill
	praise, err := s.casePraise(r, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decisions, err := s.Consent.ConsentDecisions(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	surveys, err := s.Surveys.ConversationSurveys(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ch, _ := resonanz.LookupChannel(tl.Conversation.Channel)
	v := conversationView{rowForms: forms.rowForms, Followup: fu, Timeline: tl, ChannelInfo: ch, Teams: teams, Users: users, Statuses: resonanz.Statuses, Labels: s.labelChoices(),
		ReplyPublic: ch.ReplyVisibility(tl.Conversation.Visibility == resonanz.Public),
		Decisions:   decisions, ReplyBlocked: !decisions[0].Allowed, Reply: box,
		Purposes: append([]string{resonanz.PurposeContact}, resonanz.Purposes...), WishStates: resonanz.WishStates, WishChannels: wishChannels(),
		WishesLink: s.wishesLink(tl.Contact.ID, tl.Conversation.Language), Surveys: surveys,
		Presence: s.Presence.Others(id, userFrom(r.Context()).ID), Praise: praise}
	s.render(w, r, status, "conversation", v)
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
	id, err := s.visibleByPath(r, resonanz.Errorf(resonanz.ENOTFOUND, "No such message.").Keyed("message.unknown"), s.Conversations.MessageConversation)
	if err != nil {
		s.pageError(w, r, err)
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

// visibleByPath returns the id of the path if what it names belongs to a
// conversation the user may see. Otherwise it answers notFound, as for an id
// that does not exist, so that an id reveals nothing of hidden conversations.
func (s *Server) visibleByPath(r *http.Request, missing *resonanz.Error, conversationOf func(ctx context.Context, id int64) (int64, error)) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, missing
	}
	conversationID, err := conversationOf(r.Context(), id)
	if resonanz.ErrorCode(err) == resonanz.ENOTFOUND {
		return 0, missing
	} else if err != nil {
		return 0, err
	}
	if ok, err := s.Conversations.CanSee(r.Context(), userFrom(r.Context()), conversationID); err != nil {
		return 0, err
	} else if !ok {
		return 0, missing
	}
	return id, nil
}
