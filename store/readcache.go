package store

import (
	"context"
	"database/sql"
	"sync"
)

// readPool is the pool of reading connections. On SQLite it keeps the
// statements that pages run again and again prepared: parsing them anew
// cost about a millisecond of an inbox page's four of CPU. PostgreSQL's
// driver keeps its own prepared statements, so there stmts is nil.
type readPool struct {
	*sql.DB
	stmts *readStmts
}

type readStmts struct {
	mu    sync.Mutex
	bySQL map[string]*sql.Stmt
}

// Bounds of the read cache: statements with long IN lists change shape
// with their length and are not worth keeping.
const (
	maxReadStmts    = 512
	maxReadStmtArgs = 32
)

func newReadPool(db *sql.DB, cache bool) *readPool {
	p := &readPool{DB: db}
	if cache {
		p.stmts = &readStmts{bySQL: map[string]*sql.Stmt{}}
	}
	return p
}

// QueryContext runs query with a kept statement where there is one.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, query, len(args)); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query with a kept statement where there is one.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.stmt(ctx, query, len(args)); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// stmt returns the kept statement of query, preparing it on first use; nil
// when it is not to be kept or does not prepare (the plain query then
// reports the error).
func (p *readPool) stmt(ctx context.Context, query string, nargs int) *sql.Stmt {
	c := p.stmts
	if c == nil || nargs > maxReadStmtArgs {
		return nil
	}
	c.mu.Lock()
	st, ok := c.bySQL[query]
	full := len(c.bySQL) >= maxReadStmts
	c.mu.Unlock()
	if ok || full {
		return st
	}
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.bySQL[query]; ok {
		st.Close() // prepared meanwhile by another request
		return kept
	}
	c.bySQL[query] = st
	return st
}

// Close closes the kept statements and the pool.
func (p *readPool) Close() error {
	if c := p.stmts; c != nil {
		c.mu.Lock()
		for _, st := range c.bySQL {
			st.Close()
		}
		c.bySQL = nil
		c.mu.Unlock()
	}
	return p.DB.Close()
}
