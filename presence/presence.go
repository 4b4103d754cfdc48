// Package presence knows which agents have a conversation open and who is
// writing in it, so that two agents do not answer the same customer at
// once. Pages say so every few seconds; what a page stops saying fades
// after a short while, so a closed laptop leaves no ghost behind. It lives
// in one process, like the events bus that spreads its news.
package presence

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// How long a page's word holds: pages repeat "viewing" every 10 s and
// "writing" every few seconds while keys are pressed.
const (
	ViewTTL  = 30 * time.Second
	WriteTTL = 8 * time.Second
)

// Viewer is another agent on a conversation.
type Viewer struct {
	UserID  int64
	Name    string
	Writing bool
}

type mark struct {
	name       string
	seenUntil  time.Time
	writeUntil time.Time
	wasWriting bool // what others were last shown
}

// Board holds who is on which conversation. The zero value is not usable;
// call NewBoard.
type Board struct {
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu    sync.Mutex
	convs map[int64]map[int64]*mark
	marks int // calls since the last sweep of every conversation
}

// NewBoard returns an empty board.
func NewBoard() *Board { return &Board{Now: time.Now, convs: map[int64]map[int64]*mark{}} }

// Mark records that a user has the conversation open, writing or not. It
// reports whether others now see something else: a new viewer, or one who
// started or stopped writing.
func (b *Board) Mark(conversationID, userID int64, name string, writing bool) (changed bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.Now()
	b.sweepSometimes(now)
	users := b.convs[conversationID]
	if users == nil {
		users = map[int64]*mark{}
		b.convs[conversationID] = users
	}
	m := users[userID]
	if m == nil || !now.Before(m.seenUntil) {
		m = &mark{name: name}
		users[userID] = m
		changed = true
	}
	m.seenUntil = now.Add(ViewTTL)
	if writing {
		m.writeUntil = now.Add(WriteTTL)
	} else {
		m.writeUntil = time.Time{}
	}
	if m.wasWriting != writing {
		m.wasWriting, changed = writing, true
	}
	return changed
}

// Leave records that a user closed the conversation; it reports whether
// they had been shown on it.
func (b *Board) Leave(conversationID, userID int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	users := b.convs[conversationID]
	m, ok := users[userID]
	if !ok {
		return false
	}
	delete(users, userID)
	if len(users) == 0 {
		delete(b.convs, conversationID)
	}
	return b.Now().Before(m.seenUntil)
}

// Others returns who besides userID has the conversation open, by name.
func (b *Board) Others(conversationID, userID int64) []Viewer {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.Now()
	var list []Viewer
	for id, m := range b.convs[conversationID] {
		if id != userID && now.Before(m.seenUntil) {
			list = append(list, Viewer{UserID: id, Name: m.name, Writing: now.Before(m.writeUntil)})
		}
	}
	slices.SortFunc(list, func(a, b Viewer) int { return strings.Compare(a.Name, b.Name) })
	return list
}

// sweepSometimes forgets faded marks of every conversation now and then,
// so that conversations nobody opens again do not keep theirs.
func (b *Board) sweepSometimes(now time.Time) {
	if b.marks++; b.marks < 1000 {
		return
	}
	b.marks = 0
	for conv, users := range b.convs {
		for id, m := range users {
			if !now.Before(m.seenUntil) {
				delete(users, id)
			}
		}
		if len(users) == 0 {
			delete(b.convs, conv)
		}
	}
}
