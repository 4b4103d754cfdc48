package web

import (
	"time"

	"github.com/resonanz/resonanz"
)

// The API's JSON shapes: stable names in snake_case, times in RFC 3339,
// absent owners and teams as null. docs/api.md and openapi.json describe them.

type apiPerson struct {
	Name   string `json:"name"`
	Handle string `json:"handle"`
}

type apiConversation struct {
	ID            int64      `json:"id"`
	ContactID     int64      `json:"contact_id"`
	Channel       string     `json:"channel"`
	Status        string     `json:"status"`
	TeamID        *int64     `json:"team_id"`
	TeamName      string     `json:"team_name,omitempty"`
	OwnerID       *int64     `json:"owner_id"`
	OwnerName     string     `json:"owner_name,omitempty"`
	Customer      apiPerson  `json:"customer"`
	Preview       string     `json:"preview"`
	Visibility    string     `json:"visibility"`
	Language      string     `json:"language"`
	Sentiment     string     `json:"sentiment"`
	Kind          string     `json:"kind"`
	Topics        []string   `json:"topics"`
	Urgency       []string   `json:"urgency"`
	Priority      string     `json:"priority"`
	Tags          []string   `json:"tags"`
	Due           *time.Time `json:"due"` // the running answer-time goal's due time
	LastMessageAt time.Time  `json:"last_message_at"`
	CreatedAt     time.Time  `json:"created_at"`
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func toAPIConversation(c *resonanz.Conversation) *apiConversation {
	a := &apiConversation{ID: c.ID, ContactID: c.ContactID, Channel: c.Channel, Status: c.Status, TeamID: optID(c.TeamID), TeamName: c.TeamName,
		OwnerID: optID(c.OwnerID), OwnerName: c.OwnerName, Customer: apiPerson{Name: c.CustomerName, Handle: c.CustomerHandle},
		Preview: c.Preview, Visibility: c.Visibility, Language: c.Language, Sentiment: c.Sentiment, Kind: c.Kind, Topics: orEmpty(c.Topics),
		Urgency: orEmpty(c.Urgency), Priority: c.Priority, Tags: orEmpty(c.Tags), LastMessageAt: c.LastMessageAt.UTC(), CreatedAt: c.CreatedAt.UTC()}
	if c.SLA != nil && !c.SLA.Due.IsZero() {
		due := c.SLA.Due.UTC()
		a.Due = &due
	}
	return a
}

type apiAnalysis struct {
	Language  string   `json:"language"`
	Sentiment string   `json:"sentiment"`
	Kind      string   `json:"kind"`
	Topics    []string `json:"topics"`
}

type apiMessage struct {
	ID             int64        `json:"id"`
	ConversationID int64        `json:"conversation_id"`
	Channel        string       `json:"channel"`
	Direction      string       `json:"direction"` // in: from the customer; out: an answer
	Author         apiPerson    `json:"author"`
	Text           string       `json:"text"`
	Visibility     string       `json:"visibility"`
	SentAt         time.Time    `json:"sent_at"`
	Analysis       *apiAnalysis `json:"analysis,omitempty"` // customers' messages only
	Delivery       string       `json:"delivery,omitempty"` // an answer's outbox state
}

func toAPIMessage(m *resonanz.Message) *apiMessage {
	a := &apiMessage{ID: m.ID, ConversationID: m.ConversationID, Channel: m.Channel, Direction: m.Direction,
		Author: apiPerson{Name: m.AuthorName, Handle: m.AuthorHandle}, Text: m.Text, Visibility: m.Visibility, SentAt: m.SentAt.UTC()}
	if m.Direction == "in" {
		a.Analysis = &apiAnalysis{Language: m.Analysis.Language, Sentiment: m.Analysis.Sentiment, Kind: m.Analysis.Kind, Topics: orEmpty(m.Analysis.Topics)}
	}
	if m.Delivery != nil {
		a.Delivery = m.Delivery.State
	}
	return a
}

type apiIdentity struct {
	Channel     string `json:"channel"`
	Handle      string `json:"handle"`
	DisplayName string `json:"display_name"`
}

type apiContact struct {
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	VIP           bool          `json:"vip"`
	Identities    []apiIdentity `json:"identities"`
	OptedOut      bool          `json:"opted_out"` // the customer does not want to be contacted at all ("do not contact")
	Wishes        []apiWish     `json:"wishes"`    // the wishes in force, per purpose and channel
	Conversations []int64       `json:"conversations"`
}

type apiWish struct {
	Purpose string    `json:"purpose"`
	Channel string    `json:"channel"` // "": every channel
	State   string    `json:"state"`
	Source  string    `json:"source"`
	Since   time.Time `json:"since"`
}

func toAPIContact(p *resonanz.ContactPage) *apiContact {
	c := p.Contact
	a := &apiContact{ID: c.ID, Name: c.Name, VIP: c.VIP, Identities: []apiIdentity{}, Conversations: []int64{},
		OptedOut: c.Wishes.DoNotContact() != nil, Wishes: []apiWish{}}
	for _, w := range c.Wishes.InForce() {
		a.Wishes = append(a.Wishes, apiWish{Purpose: w.Purpose, Channel: w.Channel, State: w.State, Source: w.Source, Since: w.SetAt})
	}
	for _, i := range c.Identities {
		a.Identities = append(a.Identities, apiIdentity{Channel: i.Channel, Handle: i.Handle, DisplayName: i.DisplayName})
	}
	for _, conv := range p.Conversations {
		a.Conversations = append(a.Conversations, conv.ID)
	}
	return a
}

type apiPromise struct {
	ID             int64     `json:"id"`
	ConversationID int64     `json:"conversation_id"`
	Text           string    `json:"text"`
	DueAt          time.Time `json:"due_at"`
	OwnerID        int64     `json:"owner_id"`
	State          string    `json:"state"`
}

type apiOutboxItem struct {
	ID        int64  `json:"id"`
	MessageID int64  `json:"message_id"`
	State     string `json:"state"`
}
