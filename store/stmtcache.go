package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements of the single write connection. Ingest
// builds statements whose shape depends on the batch; small batches repeat a
// few shapes very often, and preparing costs more than running them.
//
// A statement cannot be prepared on the pool while a transaction holds its
// only connection, so a shape first seen inside a transaction is prepared
// for that transaction alone and added to the cache after it (learn).
type stmtCache struct {
	mu     sync.Mutex
	db     *sql.DB
	stmts  map[string]*sql.Stmt
	wanted []string
}

// Bounds keep the cache small: big statements are rare and amortized anyway.
const (
	maxCachedStmts    = 256
	maxCachedStmtArgs = 64
)

// stmt returns query prepared for tx; the statement is closed with the transaction.
func (c *stmtCache) stmt(ctx context.Context, tx *sql.Tx, query string, nargs int) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok && nargs <= maxCachedStmtArgs && len(c.stmts)+len(c.wanted) < maxCachedStmts {
		c.wanted = append(c.wanted, query)
	}
	c.mu.Unlock()
	if ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// learn prepares the shapes wanted during the last transaction; call it
// when no transaction is open. A shape that fails to prepare stays uncached.
func (c *stmtCache) learn(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, query := range c.wanted {
		if _, ok := c.stmts[query]; ok {
			continue
		}
		if st, err := c.db.PrepareContext(ctx, query); err == nil {
			c.stmts[query] = st
		}
	}
	c.wanted = c.wanted[:0]
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
}
