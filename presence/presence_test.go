package presence_test

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/presence"
	"github.com/resonanz/resonanz/presence/presencetest"
)

func TestBoard(t *testing.T) {
	presencetest.Run(t, func(t *testing.T, now func() time.Time) (a, b resonanz.PresenceService) {
		board := presence.NewBoard()
		board.Now = now
		return board, board
	})
}
