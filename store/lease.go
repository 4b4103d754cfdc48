package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"

	"github.com/resonanz/resonanz"
)

// leaseCheck is how often a node holding a lease makes sure its connection,
// and with it the lease, is still there.
const leaseCheck = time.Second

// TakeLease takes the lease name for this node. On SQLite the one node
// always holds it. On PostgreSQL it is a session advisory lock on a
// connection of its own, keyed by the installation's schema and the name:
// it ends with Release, or when the node's connection ends (the node
// died), so that another node's next try gets it.
func (db *DB) TakeLease(ctx context.Context, name string) (resonanz.Lease, bool, error) {
	if db.engine != postgresEngine {
		return &lease{lost: make(chan struct{}), done: make(chan struct{})}, true, nil
	}
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lease %s: %w", name, err)
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtext(current_schema()), hashtext(?))`, "resonanz lease "+name).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("store: lease %s: %w", name, err)
		}
		return nil, false, nil
	}
	l := &lease{conn: conn, lost: make(chan struct{}), done: make(chan struct{})}
	check, stop := context.WithCancel(context.Background())
	l.stop = stop
	go l.hold(check)
	return l, true, nil
}

type lease struct {
	conn     *sql.Conn // nil: SQLite's
	stop     context.CancelFunc
	lost     chan struct{}
	done     chan struct{}
	lostOnce sync.Once
	release  sync.Once
}

func (l *lease) Lost() <-chan struct{} { return l.lost }

// hold checks the lease's connection until Release; a failed check closes Lost.
func (l *lease) hold(ctx context.Context) {
	defer close(l.done)
	tick := time.NewTicker(leaseCheck)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			check, cancel := context.WithTimeout(ctx, leaseCheck)
			err := l.conn.PingContext(check)
			cancel()
			if err != nil && ctx.Err() == nil {
				l.lostOnce.Do(func() { close(l.lost) })
				return
			}
		}
	}
}

func (l *lease) Release() {
	l.release.Do(func() {
		if l.conn == nil {
			return
		}
		l.stop()
		<-l.done
		// The session's end ends its lock: the connection leaves the pool
		// rather than going back to it.
		l.conn.Raw(func(any) error { return driver.ErrBadConn })
		l.conn.Close()
	})
}
