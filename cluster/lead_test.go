package cluster_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/cluster"
)

// leases is one lease table shared by the nodes of a test.
type leases struct {
	mu     sync.Mutex
	holder *lease
}

type lease struct {
	table *leases
	lost  chan struct{}
}

func (l *lease) Lost() <-chan struct{} { return l.lost }

func (l *lease) Release() {
	l.table.mu.Lock()
	defer l.table.mu.Unlock()
	if l.table.holder == l {
		l.table.holder = nil
	}
}

func (t *leases) TakeLease(ctx context.Context, name string) (resonanz.Lease, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.holder != nil {
		return nil, false, nil
	}
	t.holder = &lease{table: t, lost: make(chan struct{})}
	return t.holder, true, nil
}

// deadOr is a node's view of the lease table: once the node is dead it
// takes no lease again, however its loop is scheduled.
type deadOr struct {
	*leases
	dead atomic.Bool
}

func (d *deadOr) TakeLease(ctx context.Context, name string) (resonanz.Lease, bool, error) {
	if d.dead.Load() {
		return nil, false, nil
	}
	return d.leases.TakeLease(ctx, name)
}

// kill makes the holder lose its lease, as when its connection dies.
func (t *leases) kill() {
	t.mu.Lock()
	defer t.mu.Unlock()
	close(t.holder.lost)
	t.holder = nil
}

// node counts how often its work started and stopped.
type node struct {
	mu             sync.Mutex
	running        bool
	starts, stops  int
	started, ended chan struct{}
}

func newNode() *node { return &node{started: make(chan struct{}, 10), ended: make(chan struct{}, 10)} }

func (n *node) work(ctx context.Context) (func(), error) {
	n.mu.Lock()
	n.running, n.starts = true, n.starts+1
	n.mu.Unlock()
	n.started <- struct{}{}
	return func() {
		n.mu.Lock()
		n.running, n.stops = false, n.stops+1
		n.mu.Unlock()
		n.ended <- struct{}{}
	}, nil
}

func (n *node) isRunning() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.running
}

func wait(t *testing.T, c <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(time.Minute):
		t.Fatal(what)
	}
}

func TestOneNodeLeadsAndAnotherTakesOver(t *testing.T) {
	table := &leases{}
	logger := slog.New(slog.DiscardHandler)
	a, b := newNode(), newNode()
	ctx, cancel := context.WithCancel(context.Background())
	views := map[*node]*deadOr{}
	var done sync.WaitGroup
	for _, n := range []*node{a, b} {
		view := &deadOr{leases: table}
		views[n] = view
		done.Go(func() { cluster.Lead(ctx, view, "solo", 10*time.Millisecond, logger, n.work) })
	}
	var first, second *node
	select {
	case <-a.started:
		first, second = a, b
	case <-b.started:
		first, second = b, a
	case <-time.After(time.Minute):
		t.Fatal("no node started the work")
	}
	if second.isRunning() {
		t.Fatal("both nodes run the work")
	}
	// The leading node dies: its lease goes with its connection, and it
	// does not come back to take the lease again.
	views[first].dead.Store(true)
	table.kill()
	wait(t, first.ended, "the node that lost its lease kept working")
	wait(t, second.started, "no node took over")
	if first.isRunning() {
		t.Fatal("both nodes run the work after the take-over")
	}
	cancel()
	done.Wait()
	if second.isRunning() || first.stops != first.starts || second.stops != second.starts {
		t.Fatalf("work left running at the end: first %d/%d, second %d/%d", first.starts, first.stops, second.starts, second.stops)
	}
}

func TestWorkThatFailsGivesTheLeaseBack(t *testing.T) {
	table := &leases{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tries := make(chan struct{}, 100)
	go cluster.Lead(ctx, table, "solo", time.Millisecond, slog.New(slog.DiscardHandler), func(context.Context) (func(), error) {
		tries <- struct{}{}
		return nil, errors.New("broken")
	})
	wait(t, tries, "the work was never tried")
	wait(t, tries, "a failed start kept the lease")
}
