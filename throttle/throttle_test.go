package throttle_test

import (
	"testing"
	"time"

	"github.com/resonanz/resonanz/throttle"
)

var (
	t0     = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	policy = throttle.Policy{Free: 3, First: time.Second, Max: 8 * time.Second, Forget: time.Hour}
)

func TestWaitsGrowAfterTheFreeFailures(t *testing.T) {
	l := throttle.New(policy)
	for i := 1; i <= 3; i++ {
		if wait := l.Try("ann", t0); wait != 0 {
			t.Fatalf("free try %d waits %v", i, wait)
		}
	}
	now := t0
	for _, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		if wait := l.Try("ann", now); wait != want {
			t.Fatalf("at %v the next try waits %v, want %v", now.Sub(t0), wait, want)
		}
		if wait := l.Try("ann", now.Add(want-time.Millisecond)); wait != time.Millisecond {
			t.Fatalf("a try just before the wait ends waits %v", wait)
		}
		now = now.Add(want)
		if wait := l.Try("ann", now); wait != 0 {
			t.Fatalf("the try after the wait waits %v", wait)
		}
	}
	if wait := l.Try("ben", now); wait != 0 {
		t.Fatalf("another key waits %v", wait)
	}
}

// Tries in flight count as failures, so that parallel guesses cannot all
// pass before the first one failed.
func TestParallelTriesCount(t *testing.T) {
	l := throttle.New(policy)
	passed := 0
	for range 20 {
		if l.Try("ann", t0) == 0 {
			passed++
		}
	}
	if passed != policy.Free {
		t.Fatalf("%d of 20 simultaneous tries passed, want %d", passed, policy.Free)
	}
}

func TestSucceeded(t *testing.T) {
	t.Run("ResetEndsTheBurst", func(t *testing.T) {
		l := throttle.New(policy)
		for range 3 {
			l.Try("ann", t0)
		}
		l.Succeeded("ann", true)
		for i := range 3 {
			if wait := l.Try("ann", t0); wait != 0 {
				t.Fatalf("try %d after a success waits %v", i, wait)
			}
		}
	})
	t.Run("WithoutResetTakesBackOneTry", func(t *testing.T) {
		l := throttle.New(policy)
		l.Try("10.0.0.1", t0)
		l.Try("10.0.0.1", t0)
		l.Try("10.0.0.1", t0) // the third try would start a wait, but it succeeds
		l.Succeeded("10.0.0.1", false)
		if wait := l.Try("10.0.0.1", t0); wait != 0 {
			t.Fatalf("a success left a wait of %v", wait)
		}
		if wait := l.Try("10.0.0.1", t0); wait != time.Second {
			t.Fatalf("the failures before the success were forgotten: wait %v", wait)
		}
	})
}

// However long the guessing went on, a key may try again after at most Max,
// and a key left alone long enough is forgotten and alarms anew.
func TestNeverLockedOutForGood(t *testing.T) {
	l := throttle.New(policy)
	now := t0
	for range 1000 {
		wait := l.Try("admin", now)
		if wait > policy.Max {
			t.Fatalf("a wait of %v is longer than the policy's %v", wait, policy.Max)
		}
		now = now.Add(wait)
	}
	l.Try("admin", now) // counts a failure or finds the wait still running
	if !l.Alarm("admin", now) || l.Alarm("admin", now) {
		t.Fatal("a burst does not alarm exactly once")
	}
	now = now.Add(policy.Max + policy.Forget)
	for i := range policy.Free {
		if wait := l.Try("admin", now); wait != 0 {
			t.Fatalf("after a quiet hour, free try %d waits %v", i, wait)
		}
	}
	if !l.Alarm("admin", now) {
		t.Fatal("a new burst does not alarm")
	}
}

func TestAlarmOnlyWhileWaiting(t *testing.T) {
	l := throttle.New(policy)
	l.Try("ann", t0)
	if l.Alarm("ann", t0) || l.Alarm("nobody", t0) {
		t.Fatal("alarm before any wait")
	}
}
