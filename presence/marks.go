package presence

import (
	"slices"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// How long a page's word holds: pages repeat "viewing" every 10 s and
// "writing" every few seconds while keys are pressed.
const (
	ViewTTL  = 30 * time.Second
	WriteTTL = 8 * time.Second
)

// Mark is what one user's page last said about a conversation.
type Mark struct {
	Name       string    `json:"name"`
	SeenUntil  time.Time `json:"seen_until"`
	WriteUntil time.Time `json:"write_until,omitzero"`
	WasWriting bool      `json:"was_writing,omitempty"` // what others were last shown
}

// Marks are the marks of one conversation by user id: the memory board
// keeps them in a map, a cluster's board as one value per conversation.
type Marks map[int64]*Mark

// Set records that user has the conversation open at now, writing or not,
// and reports whether others now see something else.
func (ms Marks) Set(now time.Time, userID int64, name string, writing bool) (changed bool) {
	m := ms[userID]
	if m == nil || !now.Before(m.SeenUntil) {
		m = &Mark{Name: name}
		ms[userID] = m
		changed = true
	}
	m.SeenUntil = now.Add(ViewTTL)
	if writing {
		m.WriteUntil = now.Add(WriteTTL)
	} else {
		m.WriteUntil = time.Time{}
	}
	if m.WasWriting != writing {
		m.WasWriting, changed = writing, true
	}
	return changed
}

// Remove forgets user and reports whether they were still shown at now.
func (ms Marks) Remove(now time.Time, userID int64) bool {
	m, ok := ms[userID]
	if !ok {
		return false
	}
	delete(ms, userID)
	return now.Before(m.SeenUntil)
}

// Others returns who besides userID is shown at now, by name.
func (ms Marks) Others(now time.Time, userID int64) []resonanz.Viewer {
	var list []resonanz.Viewer
	for id, m := range ms {
		if id != userID && now.Before(m.SeenUntil) {
			list = append(list, resonanz.Viewer{UserID: id, Name: m.Name, Writing: now.Before(m.WriteUntil)})
		}
	}
	slices.SortFunc(list, func(a, b resonanz.Viewer) int { return strings.Compare(a.Name, b.Name) })
	return list
}

// Sweep forgets the marks that faded by now.
func (ms Marks) Sweep(now time.Time) {
	for id, m := range ms {
		if !now.Before(m.SeenUntil) {
			delete(ms, id)
		}
	}
}
