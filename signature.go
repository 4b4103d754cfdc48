package resonanz

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxSignatureLen bounds a signature, in characters.
const MaxSignatureLen = 1000

// Signature closes replies: an agent's own, or a team's, in one language.
// A reply gets the agent's and then the team's, in the customer's language.
type Signature struct {
	UserID    int64 // the agent's own; 0 for a team's
	TeamID    int64 // the team's; 0 for an agent's
	Language  string
	Text      string // may hold the placeholders of canned replies
	UpdatedAt time.Time
}

// Validate reports the first problem of a signature as an EINVALID error
// naming the field; an empty text is valid and removes the signature.
func (s *Signature) Validate() error {
	s.Text = strings.TrimSpace(strings.ReplaceAll(s.Text, "\r\n", "\n"))
	switch {
	case (s.UserID == 0) == (s.TeamID == 0):
		return FieldError("owner", "A signature belongs to one agent or one team.")
	case s.Language != LangGerman && s.Language != LangEnglish:
		return FieldError("language", "Choose German or English.")
	case !utf8.ValidString(s.Text) || utf8.RuneCountInString(s.Text) > MaxSignatureLen:
		return FieldError("text", "A signature has at most %d characters.", MaxSignatureLen)
	}
	return nil
}

// SignatureService keeps the agents' and teams' signatures.
type SignatureService interface {
	// UserSignatures returns an agent's signatures; TeamSignatures every team's.
	UserSignatures(ctx context.Context, userID int64) ([]*Signature, error)
	TeamSignatures(ctx context.Context) ([]*Signature, error)
	// SaveSignature sets a signature; an empty text removes it.
	SaveSignature(ctx context.Context, s *Signature) error
	// ReplySignature returns the agent's and the team's signature in lang,
	// one below the other; "" when neither has one.
	ReplySignature(ctx context.Context, userID, teamID int64, lang string) (string, error)
}

// Sign appends a signature to a reply, set apart by an empty line; an empty
// reply stays empty rather than becoming a signature alone.
func Sign(text, signature string) string {
	if signature == "" || strings.TrimSpace(text) == "" {
		return text
	}
	return strings.TrimRight(text, " \n") + "\n\n" + signature
}
