// Package presence knows which agents have a conversation open and who is
// writing in it, so that two agents do not answer the same customer at
// once. Pages say so every few seconds; what a page stops saying fades
// after a short while, so a closed laptop leaves no ghost behind. Board
// keeps it in one process; presence/nats shares it between the nodes of a
// cluster.
package presence

import (
	"sync"
	"time"

	"github.com/resonanz/resonanz"
)

// Board holds who is on which conversation, in this process. The zero
// value is not usable; call NewBoard.
type Board struct {
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu    sync.Mutex
	convs map[int64]Marks
	marks int // calls since the last sweep of every conversation
}

var _ resonanz.PresenceService = (*Board)(nil)

// NewBoard returns an empty board.
func NewBoard() *Board { return &Board{Now: time.Now, convs: map[int64]Marks{}} }

// Mark records that a user has the conversation open, writing or not.
func (b *Board) Mark(conversationID, userID int64, name string, writing bool) (changed bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.Now()
	b.sweepSometimes(now)
	marks := b.convs[conversationID]
	if marks == nil {
		marks = Marks{}
		b.convs[conversationID] = marks
	}
	return marks.Set(now, userID, name, writing)
}

// Leave records that a user closed the conversation.
func (b *Board) Leave(conversationID, userID int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	marks := b.convs[conversationID]
	shown := marks.Remove(b.Now(), userID)
	if len(marks) == 0 {
		delete(b.convs, conversationID)
	}
	return shown
}

// Others returns who besides userID has the conversation open, by name.
func (b *Board) Others(conversationID, userID int64) []resonanz.Viewer {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.convs[conversationID].Others(b.Now(), userID)
}

// sweepSometimes forgets faded marks of every conversation now and then,
// so that conversations nobody opens again do not keep theirs.
func (b *Board) sweepSometimes(now time.Time) {
	if b.marks++; b.marks < 1000 {
		return
	}
	b.marks = 0
	for conv, marks := range b.convs {
		if marks.Sweep(now); len(marks) == 0 {
			delete(b.convs, conv)
		}
	}
}
