package resonanz_test

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz"
)

func TestClampTime(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		in      time.Time
		clamped bool
	}{
		{"Plausible", now.Add(-time.Hour), false},
		{"SlightSkew", now.Add(2 * time.Minute), false},
		{"FarFuture", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{"Epoch", time.Unix(0, 0), true},
		{"Missing", time.Time{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &resonanz.IncomingMessage{Time: tc.in}
			if got := m.ClampTime(now); got != tc.clamped || (got && !m.Time.Equal(now)) || (!got && !m.Time.Equal(tc.in)) {
				t.Fatalf("clamped %v, time %v", got, m.Time)
			}
		})
	}
}
