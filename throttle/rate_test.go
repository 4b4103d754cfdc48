package throttle_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/resonanz/resonanz/throttle"
)

func TestRateBurstThenOnePerInterval(t *testing.T) {
	r := throttle.NewRate(3, time.Minute)
	for i := 1; i <= 3; i++ {
		if wait := r.Take("10.0.0.1", t0); wait != 0 {
			t.Fatalf("use %d of the burst waits %v", i, wait)
		}
	}
	if wait := r.Take("10.0.0.1", t0.Add(15*time.Second)); wait != 45*time.Second {
		t.Fatalf("the fourth use waits %v, want 45s", wait)
	}
	if wait := r.Take("10.0.0.2", t0); wait != 0 {
		t.Fatalf("another address waits %v", wait)
	}
	if wait := r.Take("10.0.0.1", t0.Add(time.Minute)); wait != 0 {
		t.Fatalf("after a minute one use is free again, but it waits %v", wait)
	}
	if wait := r.Take("10.0.0.1", t0.Add(time.Minute)); wait != time.Minute {
		t.Fatalf("the use after it waits %v, want 1m", wait)
	}
	// A quiet hour fills the bucket up to the burst, not beyond.
	later := t0.Add(time.Hour)
	for i := 1; i <= 3; i++ {
		if wait := r.Take("10.0.0.1", later); wait != 0 {
			t.Fatalf("after an hour, use %d waits %v", i, wait)
		}
	}
	if wait := r.Take("10.0.0.1", later); wait == 0 {
		t.Fatal("a quiet hour gave more than the burst")
	}
}

// A flood of addresses does not grow the memory without end, and an
// address that is waiting keeps waiting while the flood is small.
func TestRateFloodOfAddresses(t *testing.T) {
	r := throttle.NewRate(1, time.Hour)
	r.Take("bot", t0)
	for i := range 1000 {
		r.Take(fmt.Sprint("10.1.", i/256, ".", i%256), t0)
	}
	if wait := r.Take("bot", t0); wait == 0 {
		t.Fatal("the waiting address was forgotten")
	}
	for i := range 200_000 {
		r.Take(fmt.Sprint("flood-", i), t0)
	}
	if n := r.Keys(); n > 100_000 {
		t.Fatalf("%d keys kept", n)
	}
}
