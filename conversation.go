package resonanz

import (
	"context"
	"time"
)

// Conversation statuses.
const (
	StatusOpen    = "open"
	StatusWaiting = "waiting" // waiting for the customer
	StatusSolved  = "solved"
	StatusClosed  = "closed"
)

// Statuses lists the conversation statuses in workflow order.
var Statuses = []string{StatusOpen, StatusWaiting, StatusSolved, StatusClosed}

// ValidStatus reports whether s is a conversation status.
func ValidStatus(s string) bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Conversation is a case: the messages of one customer on one channel about
// one matter, with a status, a team and an owner.
type Conversation struct {
	ID             int64
	ContactID      int64
	Channel        string
	Status         string
	TeamID         int64 // 0: no team
	TeamName       string
	OwnerID        int64 // 0: unassigned
	OwnerName      string
	CustomerName   string
	CustomerHandle string
	Preview        string // the start of the latest customer message, on one line
	Visibility     string // of the latest customer message
	Language       string // the latest customer message's labels …
	Sentiment      string
	Kind           string
	Topics         []string
	Urgency        []string // … and the urgency signals of all of them
	Priority       string
	Tags           []string
	Route          []RuleMatch // the rules that routed it, and why
	SLA            *SLAClock   // nil: no answer-time goal
	// Sensitive marks a conversation no survey may follow (a bereavement,
	// a legal dispute, a customer in distress).
	Sensitive     bool
	LastMessageAt time.Time
	// CreatedAt is when the customer opened the conversation: the time of its
	// first message, which is when its answer-time clock starts.
	CreatedAt time.Time
}

// Cursor marks a position in the inbox for keyset paging, so that a deep page
// costs as much as the first.
type Cursor struct {
	LastMessageAt time.Time // the sort key: the due time when sorting by due
	ID            int64
}

// ConversationFilter selects conversations for the inbox. Zero values do not filter.
type ConversationFilter struct {
	Status     string
	OpenWork   bool // only conversations open or waiting for the customer: the work not done
	Channel    string
	TeamID     int64
	OwnerID    int64
	Unassigned bool
	Kind       string
	Sentiment  string
	Topic      string
	Language   string
	Urgent     bool
	Priority   string
	ByDue      bool    // only conversations with a running clock, the one due first first
	Overdue    bool    // only conversations whose running goal is past due
	VisibleTo  int64   // only the conversations this user may see (see User.SeesAllConversations); 0: all
	After      *Cursor // start after this position (older conversations)
	Limit      int

	// CreatedFrom and CreatedBefore keep the conversations opened in
	// [CreatedFrom, CreatedBefore), as the reports count them; zero: no bound.
	CreatedFrom, CreatedBefore time.Time
}

// ConversationPage is one page of the inbox.
type ConversationPage struct {
	Conversations []*Conversation
	Next          *Cursor // nil on the last page
}

// ConversationUpdate is a change an agent makes to a conversation. Nil fields stay.
type ConversationUpdate struct {
	Status  *string
	TeamID  *int64 // 0 removes the team
	OwnerID *int64 // 0 unassigns
}

// ConversationService reads and changes conversations. Every change is
// recorded in the conversation's audit trail under the acting user.
type ConversationService interface {
	FindConversations(ctx context.Context, f ConversationFilter) (*ConversationPage, error)
	FindConversationByID(ctx context.Context, id int64) (*Conversation, error)
	// CanSee reports whether the user may see the conversation (see User.SeesAllConversations).
	CanSee(ctx context.Context, u *User, conversationID int64) (bool, error)
	UpdateConversation(ctx context.Context, id int64, by *User, upd ConversationUpdate) error
	AddNote(ctx context.Context, id int64, by *User, text string) error
	// Reply stores the agent's answer and queues it in the outbox; EFORBIDDEN
	// if the contact's wishes rule it out (see MayContact).
	Reply(ctx context.Context, id int64, by *User, text string, public bool) (*OutboxItem, error)
	// CorrectLabel replaces what the analysis said of a customer message
	// (field sentiment, kind, topics or language) and records the correction
	// for training.
	CorrectLabel(ctx context.Context, messageID int64, by *User, field, value string) (conversationID int64, err error)
	// MessageConversation returns the conversation a message belongs to, or ENOTFOUND.
	MessageConversation(ctx context.Context, messageID int64) (int64, error)
	// Timeline returns the customer's messages and notes across all their
	// conversations and channels, oldest first, and the audit trail of conversation id.
	Timeline(ctx context.Context, id int64) (*Timeline, error)
	// SetSensitive marks the conversation sensitive, or not: no survey follows a sensitive one.
	SetSensitive(ctx context.Context, id int64, by *User, sensitive bool) error
	// HandOver gives a conversation to a colleague with a note for them.
	HandOver(ctx context.Context, id int64, by *User, to int64, note string) error
	// SetVIP marks the conversation's customer as a VIP, or not.
	SetVIP(ctx context.Context, id int64, by *User, vip bool) error
	// SendReply stores and queues an answer from the reply box like Reply,
	// each part a reply, all or none.
	SendReply(ctx context.Context, id int64, by *User, d ReplyDraft) ([]*OutboxItem, error)
	// LatestCustomerMessage returns the id of the customer's newest message
	// in the conversation, whose labels are the conversation's; ENOTFOUND if none.
	LatestCustomerMessage(ctx context.Context, id int64) (int64, error)
	// CountConversations counts the conversations f selects (After and
	// Limit aside), but stops at most: a count of most means "most or more".
	CountConversations(ctx context.Context, f ConversationFilter, most int) (int, error)
}

// Note is an internal remark on a conversation, never shown to the customer.
type Note struct {
	ID             int64
	ConversationID int64
	UserName       string
	Text           string
	CreatedAt      time.Time
}

// AuditEvent records who changed what in a conversation, and when.
type AuditEvent struct {
	ID             int64
	ConversationID int64
	UserName       string
	Action         string // e.g. "status", "assign", "team", "note", "reply"
	Kind           string // one of the Audit kinds; "" in entries written before kinds
	Params         Params
	Detail         string // the text of entries written before kinds
	CreatedAt      time.Time
}

// TimelineEntry is a message or a note in a customer's timeline.
type TimelineEntry struct {
	Message *Message
	Note    *Note
	// InConversation tells whether the entry belongs to the conversation being viewed.
	InConversation bool
}

// Timeline is everything known about the customer of one conversation.
type Timeline struct {
	Conversation *Conversation
	Contact      *Contact
	Entries      []TimelineEntry
	Audit        []*AuditEvent
}

// Contact is one person, known through one or more identities on channels.
type Contact struct {
	ID         int64
	Name       string
	VIP        bool // routing rules can single out VIP customers
	Identities []Identity
	Wishes     *Wishes // the wishes in force
}

// Identity is a contact's handle on one channel.
type Identity struct {
	Channel     string
	Handle      string
	DisplayName string
}

// OutboxItem is a reply waiting to be sent, or sent, through its channel.
type OutboxItem struct {
	ID             int64
	ConversationID int64
	MessageID      int64
	AccountID      int64 // the channel account it leaves through; 0: none
	Channel        string
	Visibility     string
	Kind           string // one of the Outbound* kinds
	Purpose        string // one of Purposes
	Consent        string // the rule (a Decision* value) that let it leave
	State          string // see the Outbox* states
	Attempts       int
	LastError      string    // the platform's reason of the last failure
	NextTry        time.Time // when a failed attempt is tried again
	ExternalID     string    // the post's id on the platform, once sent
	URL            string    // where the post can be seen, once sent
	SentAt         time.Time
	CreatedAt      time.Time
}

// States of an outbox item.
const (
	OutboxPending = "pending" // queued; trying (again) at NextTry
	OutboxSent    = "sent"
	OutboxFailed  = "failed" // given up or refused; an agent may retry
	OutboxHeld    = "held"   // no account can send it (none connected, or a demo account)
)

// OutboxDelivery is what sending one queued reply needs.
type OutboxDelivery struct {
	OutboxID  int64
	AccountID int64
	Text      string
	Public    bool
	// ReplyTo is the external id of the customer's latest message in the
	// conversation; Recipient the customer's handle.
	ReplyTo   string
	Recipient string
	Attempt   int
	QueuedAt  time.Time
	// Footer goes below the text where the reply leaves by email: the
	// customer's wishes link (see SurveySettings.Footer); "": none.
	Footer string
}

// ReplySender sends queued replies through their channel accounts.
type ReplySender interface {
	SendReply(ctx context.Context, d *OutboxDelivery) (*Sent, error)
}

// OutboxService retries replies that failed.
type OutboxService interface {
	// RetryReply queues a failed reply again; EFORBIDDEN if the contact no
	// longer wants to be contacted, ECONFLICT if it is not failed.
	RetryReply(ctx context.Context, conversationID, outboxID int64, by *User) error
	// ReleaseHeldReplies queues the replies held for reason (one of the
	// Held* codes) now that they have a way out; those whose customer no
	// longer wants to be contacted stay held. It returns how many it queued.
	ReleaseHeldReplies(ctx context.Context, reason string, by *User) (int, error)
}
