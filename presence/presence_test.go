package presence_test

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz/presence"
)

func TestBoard(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	b := presence.NewBoard()
	b.Now = func() time.Time { return now }
	const conv, lea, tom = 7, 1, 2

	t.Run("NewViewerIsNews", func(t *testing.T) {
		if !b.Mark(conv, lea, "Lea", false) {
			t.Fatal("a new viewer changed nothing")
		}
		if b.Mark(conv, lea, "Lea", false) {
			t.Fatal("the same viewer again is news")
		}
		if got := b.Others(conv, tom); len(got) != 1 || got[0].Name != "Lea" || got[0].Writing {
			t.Fatalf("tom sees %+v", got)
		}
		if got := b.Others(conv, lea); len(got) != 0 {
			t.Fatalf("lea sees herself: %+v", got)
		}
	})
	t.Run("WritingIsNewsAndFades", func(t *testing.T) {
		if !b.Mark(conv, lea, "Lea", true) {
			t.Fatal("starting to write changed nothing")
		}
		if got := b.Others(conv, tom); !got[0].Writing {
			t.Fatalf("tom sees %+v", got)
		}
		now = now.Add(presence.WriteTTL)
		if got := b.Others(conv, tom); len(got) != 1 || got[0].Writing {
			t.Fatalf("after a pause in writing tom sees %+v", got)
		}
		if !b.Mark(conv, lea, "Lea", false) {
			t.Fatal("stopping to write changed nothing")
		}
	})
	t.Run("SilentPageFades", func(t *testing.T) {
		now = now.Add(presence.ViewTTL)
		if got := b.Others(conv, tom); len(got) != 0 {
			t.Fatalf("a page silent for %v still shows: %+v", presence.ViewTTL, got)
		}
		if !b.Mark(conv, lea, "Lea", false) {
			t.Fatal("coming back after fading changed nothing")
		}
	})
	t.Run("Leave", func(t *testing.T) {
		b.Mark(conv, tom, "Tom", false)
		if !b.Leave(conv, lea) || b.Leave(conv, lea) {
			t.Fatal("leaving should be news once")
		}
		if got := b.Others(conv, 99); len(got) != 1 || got[0].Name != "Tom" {
			t.Fatalf("after lea left: %+v", got)
		}
	})
}
