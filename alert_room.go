package resonanz

import (
	"context"
	"time"
)

// Why a message belongs to a storm's crisis room: it carries a hashtag or a
// link many of the storm's messages share, it shares at least two of the
// storm's rare terms, or it reads like the storm's centre; messages linked
// without a measure are as sure as can be.
const (
	RoomHashtag = "hashtag"
	RoomLink    = "link"
	RoomTerms   = "terms"
	RoomSimilar = "similar"
	RoomLinked  = "linked"
)

// AlertMember is the monitor's judgement of one message of a storm's key:
// whether it says what the storm says, how sure it is, and why.
type AlertMember struct {
	MessageID int64
	Member    bool
	// Score is the similarity (0–1) of the message to the storm's centre.
	Score float64
	// Reason is one of the Room* reasons, "" for a message left out;
	// Evidence the shared hashtags, links or terms it rests on.
	Reason   string
	Evidence []string
}

// RoomMessage is a message of the crisis room, or one of the storm's time
// and key left out of it, with the monitor's judgement and, where a
// manager overruled it, who did.
type RoomMessage struct {
	SearchHit
	AlertMember
	ContactID int64
	// ChosenBy names the manager who put the message (or its customer) in
	// or out of the room; "" where the monitor's judgement stands.
	ChosenBy string
	ChosenAt time.Time
}

// RoomChoice is a manager's decision about a crisis room: one message, or
// every message of one customer, in or out.
type RoomChoice struct {
	MessageID int64 // or
	ContactID int64
	Include   bool
}

// AlertRoom keeps who is in a storm's crisis room.
type AlertRoom interface {
	// SaveAlertMembers records the monitor's judgement of messages of an
	// alert's key; a manager's choice about them stays in force.
	SaveAlertMembers(ctx context.Context, alertID int64, members []AlertMember) error
	// ChooseRoomMembers puts messages or customers in or out of the room
	// and records it in the alert's timeline.
	ChooseRoomMembers(ctx context.Context, alertID int64, by *User, c RoomChoice) error
	// RoomMessages returns the room's messages (in true) or those of the
	// storm's key and time left out of it (in false), newest first.
	RoomMessages(ctx context.Context, alertID int64, in bool, limit int) ([]*RoomMessage, error)
}

// Alert event kinds of a crisis room's membership.
const (
	AlertRoomAdded   = "room_added"
	AlertRoomRemoved = "room_removed"
)
