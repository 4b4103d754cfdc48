package eval

import (
	"io"
	"testing"

	"github.com/resonanz/resonanz/watch"
)

// On a stream the room's parameters were not chosen on, the rooms hold
// their storms and little else.
func TestRoomsOnUnseenStream(t *testing.T) {
	s, err := EvalRooms(RoomTestSeeds[:1], watch.DefaultRoom(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.Detected < s.Storms-1 || s.Precision() < 0.9 || s.Recall() < 0.9 || s.BesideOut < s.Beside*3/4 {
		t.Fatalf("%d of %d storms, precision %.3f, recall %.3f, %d of %d other complaints left out",
			s.Detected, s.Storms, s.Precision(), s.Recall(), s.BesideOut, s.Beside)
	}
}
