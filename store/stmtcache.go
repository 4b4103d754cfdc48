package store

import (
	"context"
	"database/sql"
	"slices"
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

// Bounds keep the cache small. Ingest's multi-row statements and IN lists
// come in power-of-two sizes, so even the big ones repeat a few shapes.
const (
	maxCachedStmts    = 256
	maxCachedStmtArgs = 8192
)

// stmt returns query prepared for tx; the statement is closed with the transaction.
func (c *stmtCache) stmt(ctx context.Context, tx *sql.Tx, query string, nargs int) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok && nargs <= maxCachedStmtArgs && len(c.stmts)+len(c.wanted) < maxCachedStmts && !slices.Contains(c.wanted, query) {
		c.wanted = append(c.wanted, query)
	}
	c.mu.Unlock()
	if ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// exec runs query in tx with a statement from the cache.
func (c *stmtCache) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, tx, query, len(args))
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// learn prepares the shapes wanted during the last transaction; call it
// when no transaction is open. A shape that fails to prepare stays uncached.
// The lock is not held while preparing: another writer's transaction may
// hold the connection and want a statement meanwhile.
func (c *stmtCache) learn(ctx context.Context) {
	c.mu.Lock()
	wanted := c.wanted
	c.wanted = nil
	c.mu.Unlock()
	for _, query := range wanted {
		c.mu.Lock()
		_, ok := c.stmts[query]
		c.mu.Unlock()
		if ok {
			continue
		}
		st, err := c.db.PrepareContext(ctx, query)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.stmts[query]; ok {
			st.Close() // another writer learned it meanwhile
		} else {
			c.stmts[query] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
}
