package resonanz

import (
	"context"
	"time"
)

// Roles a user can have.
const (
	RoleAdmin = "admin"
	RoleLead  = "lead"
	RoleAgent = "agent"
)

// ValidRole reports whether r is a role.
func ValidRole(r string) bool {
	return r == RoleAdmin || r == RoleLead || r == RoleAgent
}

// User is a person working in resonanz.
type User struct {
	ID       int64
	Login    string
	Name     string
	Role     string
	Disabled bool
	Away     bool // not taking new conversations
	Capacity int  // most open conversations at once; 0: no limit
	// TimeZone is where the user reads times (IANA name); "": the company's.
	TimeZone  string
	CreatedAt time.Time
	// MustChangePassword tells that the user logged in with a one-time
	// password and has to choose their own first.
	MustChangePassword bool
}

// SeesAllConversations reports whether u sees every conversation. Leads and
// admins do; an agent sees the conversations of their teams, those without a
// team and their own (and all of them while they belong to no team).
func (u *User) SeesAllConversations() bool { return u.Role != RoleAgent }

// VisibleTo is the user id to limit conversations to, or 0 for u seeing all.
func (u *User) VisibleTo() int64 {
	if u.SeesAllConversations() {
		return 0
	}
	return u.ID
}

// Team is a group of users responsible for some conversations.
type Team struct {
	ID         int64
	Name       string
	Languages  []string // languages the team answers in
	Topics     []string // topics the team handles
	Members    []int64  // user ids
	RoundRobin bool     // new conversations go to the next available member; else they wait in the team queue
}

// UserService manages users, sessions and API tokens.
type UserService interface {
	CreateUser(ctx context.Context, u *User, password string) error
	FindUsers(ctx context.Context) ([]*User, error)
	FindUserByLogin(ctx context.Context, login string) (*User, error)
	SetUserDisabled(ctx context.Context, login string, disabled bool) error
	SetPassword(ctx context.Context, login, password string) error
	// Authenticate returns the enabled user with these credentials, or EUNAUTHORIZED.
	Authenticate(ctx context.Context, login, password string) (*User, error)

	// CreateSession starts a session and returns its secret token and CSRF token.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (token, csrf string, err error)
	// FindSession returns the user and CSRF token of a live session.
	FindSession(ctx context.Context, token string) (*User, string, error)
	DeleteSession(ctx context.Context, token string) error

	APITokenService

	// SetAvailability marks a user away or available and sets their capacity.
	SetAvailability(ctx context.Context, userID int64, away bool, capacity int) error
	// SetTimeZone sets where a user reads times; "" is the company's zone.
	SetTimeZone(ctx context.Context, userID int64, zone string) error

	FindTeams(ctx context.Context) ([]*Team, error)
	CreateTeam(ctx context.Context, name string) (*Team, error)
	// SaveTeam updates a team's languages, topics, members and assignment mode.
	SaveTeam(ctx context.Context, t *Team) error
}

// SearchHit is a message found by a search.
type SearchHit struct {
	Message      *Message
	CustomerName string
}

// SearchService finds messages by words, with German and English stemming.
type SearchService interface {
	// SearchMessages finds messages; visibleTo limits them to the conversations that user may see (0: all).
	SearchMessages(ctx context.Context, query string, limit int, visibleTo int64) ([]*SearchHit, error)
}
