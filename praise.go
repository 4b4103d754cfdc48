package resonanz

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Praise is a customer's message that praises a person or a team, passed on
// to them: it shows on the team's praise wall and notifies whom it names.
type Praise struct {
	MessageID      int64
	ConversationID int64
	TeamID         int64 // whose wall shows it; 0: no team
	TeamName       string
	UserID         int64 // the person named; 0: the team as a whole
	UserName       string
	Customer       string // the customer's display name
	Channel        string
	Text           string    // the customer's words
	MarkedBy       string    // who marked it by hand; "": the analysis found it
	At             time.Time // when the customer wrote
	// SurveyID is the satisfaction survey whose comment this is (then
	// MessageID is 0), with the question and score the customer gave.
	SurveyID       int64
	SurveyQuestion string
	SurveyScore    int
}

// Notification and audit kinds of praise.
const (
	NotifyPraiseNamed = "praise.named" // customer, channel, quote: a customer praised the reader
	NotifyPraiseTeam  = "praise.team"  // customer, channel, quote, team: a customer praised the reader's team
	AuditPraiseMarked = "praise.marked"
	AuditPraiseNamed  = "praise.marked.named" // user: marked as praise for a person
	AuditPraiseUnmark = "praise.unmarked"
)

// MinNameLen is the shortest name that counts as naming someone in praise:
// shorter ones ("Al", "Jo") are too often parts of ordinary text.
const MinNameLen = 3

// PraiseService keeps the praise customers wrote and the teams' walls.
type PraiseService interface {
	// PraiseWall returns the praise of a team, newest first.
	PraiseWall(ctx context.Context, teamID int64, limit int) ([]*Praise, error)
	// FindPraise returns the praise recorded for a message, or ENOTFOUND.
	FindPraise(ctx context.Context, messageID int64) (*Praise, error)
	// ConversationPraise returns the praise among a conversation's messages.
	ConversationPraise(ctx context.Context, conversationID int64) ([]*Praise, error)
	// PraiseCandidates returns who a message in a conversation may praise by
	// name: the members of its team and its owner.
	PraiseCandidates(ctx context.Context, conversationID int64) ([]*User, error)
	// MarkPraise records a customer message as praise for a candidate
	// (userID 0: the team), by hand, and notifies them.
	MarkPraise(ctx context.Context, messageID, userID int64, by *User) (*Praise, error)
	// UnmarkPraise takes a message off the praise wall.
	UnmarkPraise(ctx context.Context, messageID int64, by *User) error
}

// NamedIn returns the first of people that text names, by display name or
// first name as whole words, ignoring case; nil when it names none. Names
// shorter than MinNameLen letters never count.
func NamedIn(text string, people []*User) *User {
	words := nameWords(text)
	best, bestAt := (*User)(nil), len(words)
	for _, u := range people {
		names := nameWords(u.Name)
		if len(names) == 0 {
			continue
		}
		for _, name := range [][]string{names, names[:1]} {
			if utf8.RuneCountInString(strings.Join(name, "")) < MinNameLen {
				continue
			}
			if at := indexWords(words, name); at >= 0 && at < bestAt {
				best, bestAt = u, at
			}
		}
	}
	return best
}

// PraiseRecipients returns whom praise notifies: the person named, else
// every member of the team.
func PraiseRecipients(p *Praise, members []int64) []int64 {
	if p.UserID != 0 {
		return []int64{p.UserID}
	}
	return members
}

// nameWords splits text into lower-case words of letters and digits.
func nameWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// indexWords returns where the word sequence name starts in words, or -1.
func indexWords(words, name []string) int {
	for i := 0; i+len(name) <= len(words); i++ {
		match := true
		for j, w := range name {
			if words[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
