package resonanz

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CannedReply is a prepared answer (Textbaustein) that agents insert into
// the reply box; its text may hold placeholders (see Placeholders).
type CannedReply struct {
	ID        int64
	Title     string
	Text      string
	TeamID    int64 // 0: for every team
	TeamName  string
	Language  string // LangGerman or LangEnglish
	UpdatedBy string
	UpdatedAt time.Time
}

// Validate reports the first problem of a canned reply as an EINVALID error naming the field.
func (c *CannedReply) Validate() error {
	c.Title, c.Text = strings.TrimSpace(c.Title), strings.TrimSpace(c.Text)
	switch {
	case c.Title == "" || utf8.RuneCountInString(c.Title) > 100 || !utf8.ValidString(c.Title):
		return FieldError("title", "A title (1–100 characters) is required.")
	case c.Text == "" || utf8.RuneCountInString(c.Text) > MaxTextLen || !utf8.ValidString(c.Text):
		return FieldError("text", "A text (1–%d characters) is required.", MaxTextLen)
	case c.Language != LangGerman && c.Language != LangEnglish:
		return FieldError("language", "Choose German or English.")
	}
	return nil
}

// CannedFilter chooses the canned replies a reply box offers.
type CannedFilter struct {
	// AllTeams includes every team's canned replies; otherwise those for
	// every team and those of TeamIDs.
	AllTeams bool
	TeamIDs  []int64
	Language string // "": every language
}

// CannedReplyService keeps the canned replies and the help-center link their
// placeholder {help} stands for.
type CannedReplyService interface {
	// FindCannedReplies returns the canned replies f chooses, by title.
	FindCannedReplies(ctx context.Context, f CannedFilter) ([]*CannedReply, error)
	// SaveCannedReply creates (ID 0) or changes a canned reply.
	SaveCannedReply(ctx context.Context, c *CannedReply, by *User) error
	DeleteCannedReply(ctx context.Context, id int64) error
	// HelpCenterLink is the address {help} stands for; "" when none is set.
	HelpCenterLink(ctx context.Context) (string, error)
	SetHelpCenterLink(ctx context.Context, link string, by *User) error
}

// Placeholders are what the placeholders of a canned reply stand for in one
// conversation: {name} the customer, {agent} the agent answering, {help} the
// help-center link (empty when none is set), {article:N} the link to
// help-center article N (the help-center link and /N; empty without it),
// {wishes} the signed link to the customer's wishes page (empty when none
// can be made).
type Placeholders struct {
	Name, Agent, Help, Wishes string
}

// Fill puts the values into text; other braces stay as they were typed.
func (p Placeholders) Fill(text string) string {
	text = articlePlaceholder.ReplaceAllStringFunc(text, func(m string) string {
		if p.Help == "" {
			return ""
		}
		return strings.TrimSuffix(p.Help, "/") + "/" + m[len("{article:"):len(m)-1]
	})
	return strings.NewReplacer("{name}", p.Name, "{agent}", p.Agent, "{help}", p.Help, "{wishes}", p.Wishes).Replace(text)
}

// articlePlaceholder is {article:N}, N an article's id.
var articlePlaceholder = regexp.MustCompile(`\{article:[0-9]{1,18}\}`)

// MayManageCanned says whether u may write or delete the canned replies of
// team teamID (0: those for every team): an admin all of them, a lead those
// of the teams they belong to.
func MayManageCanned(u *User, teamID int64, teams []*Team) bool {
	if u.Role == RoleAdmin {
		return true
	}
	if u.Role != RoleLead || teamID == 0 {
		return false
	}
	for _, t := range teams {
		if t.ID == teamID {
			return slices.Contains(t.Members, u.ID)
		}
	}
	return false
}
