// Package presencetest holds the behaviour every presence board shares,
// run by the tests of each: the board of one process and the cluster's.
package presencetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/presence"
)

// Nodes returns two nodes of one board whose clock is now: the same board
// twice, or two nodes of a cluster.
type Nodes func(t *testing.T, now func() time.Time) (a, b resonanz.PresenceService)

// Run checks what agents notice of a board: who else is on a conversation,
// who writes, that silent pages fade, and that a mark on one node shows on
// the other.
func Run(t *testing.T, nodes Nodes) {
	now := time.Now().Truncate(time.Second)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	wait := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	a, b := nodes(t, clock)
	const conv, lea, tom = 7, 1, 2

	t.Run("NewViewerIsNews", func(t *testing.T) {
		if !a.Mark(conv, lea, "Lea", false) {
			t.Fatal("a new viewer changed nothing")
		}
		if b.Mark(conv, lea, "Lea", false) {
			t.Fatal("the same viewer again is news")
		}
		if got := b.Others(conv, tom); len(got) != 1 || got[0].Name != "Lea" || got[0].Writing {
			t.Fatalf("tom sees %+v", got)
		}
		if got := a.Others(conv, lea); len(got) != 0 {
			t.Fatalf("lea sees herself: %+v", got)
		}
	})
	t.Run("WritingIsNewsAndFades", func(t *testing.T) {
		if !a.Mark(conv, lea, "Lea", true) {
			t.Fatal("starting to write changed nothing")
		}
		if got := b.Others(conv, tom); len(got) != 1 || !got[0].Writing {
			t.Fatalf("tom sees %+v", got)
		}
		wait(presence.WriteTTL)
		if got := b.Others(conv, tom); len(got) != 1 || got[0].Writing {
			t.Fatalf("after a pause in writing tom sees %+v", got)
		}
		if !a.Mark(conv, lea, "Lea", false) {
			t.Fatal("stopping to write changed nothing")
		}
	})
	t.Run("SilentPageFades", func(t *testing.T) {
		wait(presence.ViewTTL)
		if got := b.Others(conv, tom); len(got) != 0 {
			t.Fatalf("a page silent for %v still shows: %+v", presence.ViewTTL, got)
		}
		if !a.Mark(conv, lea, "Lea", false) {
			t.Fatal("coming back after fading changed nothing")
		}
	})
	t.Run("Leave", func(t *testing.T) {
		b.Mark(conv, tom, "Tom", false)
		if !b.Leave(conv, lea) || a.Leave(conv, lea) {
			t.Fatal("leaving should be news once")
		}
		if got := a.Others(conv, 99); len(got) != 1 || got[0].Name != "Tom" {
			t.Fatalf("after lea left: %+v", got)
		}
	})
	t.Run("ManyAtOnce", func(t *testing.T) {
		const busy, users = 8, 20
		var wg sync.WaitGroup
		for u := range users {
			node := a
			if u%2 == 1 {
				node = b
			}
			wg.Go(func() { node.Mark(busy, int64(u+1), fmt.Sprintf("Agent %02d", u+1), false) })
		}
		wg.Wait()
		if got := a.Others(busy, 0); len(got) != users {
			t.Fatalf("%d of %d agents who opened the conversation at once are shown", len(got), users)
		}
	})
}
