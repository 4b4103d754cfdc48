package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/resonanz/resonanz"
)

// replyBox is what the reply box of a conversation shows besides the
// channel's rules: the text the agent typed when the server sent the page
// back (a canned reply inserted without JavaScript, a refused reply) and
// the canned replies to choose from, filled for this customer and agent.
type replyBox struct {
	Text   string
	Error  string
	Canned []cannedChoice
	// Signature is what a reply gets appended (the agent's and the team's
	// signature in the customer's language), Language that language.
	Signature, Language string
	// Seen is the newest message of the conversation on the page, sent
	// with the reply so that the server can tell what arrived meanwhile.
	Seen int64
	// Conflict tells that the reply was held back because messages newer
	// than Since arrived while the agent wrote.
	Conflict bool
	Since    int64
	// Limit is how many characters the agent may write on the channel, less
	// the room of the mention the channel puts first (0: no limit); Parts
	// how many numbered replies what the agent typed makes on a channel that
	// threads, more than one when it is too long for one.
	Limit, Parts int
	Threads      bool
}

// cannedChoice is a canned reply as the reply box offers it.
type cannedChoice struct {
	ID          int64
	Title, Text string // Text with its placeholders filled
	TeamName    string
}

// fillReplyBox adds to box what the reply box of timeline tl offers.
func (s *Server) fillReplyBox(r *http.Request, tl *resonanz.Timeline, teams []*resonanz.Team, box *replyBox) error {
	c := tl.Conversation
	for _, e := range tl.Entries {
		if m := e.Message; m != nil && m.ConversationID == c.ID && m.ID > box.Seen {
			box.Seen = m.ID
		}
	}
	fill, err := s.placeholders(r, c)
	if err != nil {
		return err
	}
	if box.Canned, err = s.cannedChoices(r, c, teams, fill); err != nil {
		return err
	}
	box.Language = s.replyLanguage(r, c)
	if box.Signature, err = s.replySignature(r, c); err != nil {
		return err
	}
	ch, _ := resonanz.LookupChannel(c.Channel)
	box.Limit, box.Threads, box.Parts = ch.ReplyLimit(c.CustomerHandle), ch.Threads, 1
	if ch.Threads && strings.TrimSpace(box.Text) != "" {
		box.Parts = len(resonanz.SplitReply(strings.TrimSpace(resonanz.Sign(box.Text, box.Signature)), box.Limit))
	}
	return nil
}

// MaxLength is the reply box's maxlength: the channel's limit, but room for
// numbered replies where the channel threads.
func (b *replyBox) MaxLength() int {
	if b.Limit == 0 || b.Threads {
		return resonanz.MaxTextLen
	}
	return b.Limit
}

// placeholders are what canned replies and signatures say in conversation c.
func (s *Server) placeholders(r *http.Request, c *resonanz.Conversation) (resonanz.Placeholders, error) {
	help, err := s.Canned.HelpCenterLink(r.Context())
	return resonanz.Placeholders{Name: c.CustomerName, Agent: userFrom(r.Context()).Name, Help: help,
		Wishes: s.wishesLink(c.ContactID, c.Language)}, err
}

// replyLanguage is the language a reply in conversation c is signed in: the
// customer's, or the agent's where the customer's is not known.
func (s *Server) replyLanguage(r *http.Request, c *resonanz.Conversation) string {
	if c.Language == resonanz.LangGerman || c.Language == resonanz.LangEnglish {
		return c.Language
	}
	return s.texts.language(r)
}

// replySignature is the signature the user's replies in conversation c get, filled.
func (s *Server) replySignature(r *http.Request, c *resonanz.Conversation) (string, error) {
	text, err := s.Signatures.ReplySignature(r.Context(), userFrom(r.Context()).ID, c.TeamID, s.replyLanguage(r, c))
	if err != nil || text == "" {
		return "", err
	}
	fill, err := s.placeholders(r, c)
	return fill.Fill(text), err
}

// cannedChoices are the canned replies for conversation c and the user:
// those for every team, the conversation's team's and the user's teams',
// in the customer's language when it is known.
func (s *Server) cannedChoices(r *http.Request, c *resonanz.Conversation, teams []*resonanz.Team, fill resonanz.Placeholders) ([]cannedChoice, error) {
	u := userFrom(r.Context())
	f := resonanz.CannedFilter{}
	if c.TeamID != 0 {
		f.TeamIDs = append(f.TeamIDs, c.TeamID)
	}
	for _, t := range teams {
		if slices.Contains(t.Members, u.ID) && t.ID != c.TeamID {
			f.TeamIDs = append(f.TeamIDs, t.ID)
		}
	}
	if c.Language == resonanz.LangGerman || c.Language == resonanz.LangEnglish {
		f.Language = c.Language
	}
	replies, err := s.Canned.FindCannedReplies(r.Context(), f)
	if err != nil {
		return nil, err
	}
	choices := make([]cannedChoice, 0, len(replies))
	for _, cr := range replies {
		choices = append(choices, cannedChoice{ID: cr.ID, Title: cr.Title, Text: fill.Fill(cr.Text), TeamName: cr.TeamName})
	}
	return choices, nil
}

// handleInsertCanned adds the chosen canned reply to what the agent typed:
// the reply box's way without JavaScript.
func (s *Server) handleInsertCanned(w http.ResponseWriter, r *http.Request) {
	box := &replyBox{Text: r.PostFormValue("text")}
	id, err := pathID(r)
	if err == nil {
		err = s.mayOpen(r, id)
	}
	var c *resonanz.Conversation
	if err == nil {
		c, err = s.Conversations.FindConversationByID(r.Context(), id)
	}
	var teams []*resonanz.Team
	if err == nil {
		teams, err = s.Users.FindTeams(r.Context())
	}
	var fill resonanz.Placeholders
	if err == nil {
		fill, err = s.placeholders(r, c)
	}
	var choices []cannedChoice
	if err == nil {
		choices, err = s.cannedChoices(r, c, teams, fill)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	chosen, _ := strconv.ParseInt(r.PostFormValue("canned"), 10, 64)
	i := slices.IndexFunc(choices, func(c cannedChoice) bool { return c.ID == chosen })
	if i < 0 {
		box.Error = s.locale(r).T("canned.nomatch")
		s.showConversation(w, r, http.StatusUnprocessableEntity, box)
		return
	}
	if typed := strings.TrimRight(box.Text, " \r\n"); typed != "" {
		box.Text = typed + "\n\n" + choices[i].Text
	} else {
		box.Text = choices[i].Text
	}
	s.showConversation(w, r, http.StatusOK, box)
}
