package resonanz

import (
	"context"
	"time"
)

// ContactPage is everything known about one person across channels.
type ContactPage struct {
	Contact *Contact
	// Conversations are the person's conversations on every channel, newest first.
	Conversations []*Conversation
	Messages      []*Message // newest first, across channels
	Promises      []*Promise
	Goodwill      []*GoodwillGrant
	Wishes        []*Wish // contact wishes, every one ever recorded, newest first
	Audit         []*ContactEvent
	// Suggestions are other contacts that are likely the same person; an
	// agent decides, resonanz never merges by itself.
	Suggestions []*ContactSuggestion
	// Privacy lists the exports and erasures of the person's data.
	Privacy []*PrivacyEvent
}

// ContactFilter selects contacts for a list; zero values do not filter.
type ContactFilter struct {
	Query     string // a part of the name, a handle or a display name
	Channel   string // has a handle on this channel
	VisibleTo int64  // a user who sees only some conversations: contacts with one of those; 0: all
	Before    int64  // the page after the contact of this id (ids fall)
	Limit     int
}

// ContactList is one page of contacts; Next is the Before of the next page (0: none).
type ContactList struct {
	Contacts []*Contact
	Next     int64
}

// ContactSuggestion is another contact that may be the same person, and why.
type ContactSuggestion struct {
	Contact *Contact
	Reason  string // "same_handle", "same_email"
	Handle  string // the handle both share
}

// ContactEvent records a change to who a person is: handles linked or unlinked.
type ContactEvent struct {
	UserName  string
	Action    string // "link", "unlink"
	Channel   string
	Handle    string
	CreatedAt time.Time
}

// ContactService reads and links the people behind the messages.
type ContactService interface {
	// FindContacts lists people newest first, with the filter's paging.
	FindContacts(ctx context.Context, f ContactFilter) (*ContactList, error)
	// ContactPage gathers a person's page; ENOTFOUND if there is no such contact.
	ContactPage(ctx context.Context, id int64) (*ContactPage, error)
	// CanSeeContact reports whether the user may see a contact: leads and
	// admins always, agents if they may see one of its conversations.
	CanSeeContact(ctx context.Context, u *User, id int64) (bool, error)
	// LinkContacts makes other the same person as id: its handles,
	// conversations, wishes and goodwill move to id. Audited on both.
	LinkContacts(ctx context.Context, id, other int64, by *User) error
	// UnlinkHandle makes the handle on channel a person of its own again,
	// with its conversations; it returns the new contact's id.
	UnlinkHandle(ctx context.Context, id int64, channel, handle string, by *User) (int64, error)
}
