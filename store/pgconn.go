package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"strconv"
	"strings"
)

// The store's queries are written once, in the SQL both engines share, with
// SQLite's `?` and `?N` placeholders and 0/1 integers for flags. On
// PostgreSQL a thin layer over the pgx driver's connections rewrites the
// placeholders to `$N` and passes Go booleans as 0/1, so the same text and
// arguments run on either engine. A query that already speaks PostgreSQL
// (the job queue's own, with `$1`) passes unchanged.

// pgConnector makes connections that rebind the store's queries.
type pgConnector struct{ driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	inner, ok := conn.(pgDriverConn)
	if !ok {
		conn.Close()
		return nil, errors.New("store: the PostgreSQL driver's connection lacks context methods")
	}
	return &pgConn{inner}, nil
}

// pgDriverConn is what the pgx driver's connection offers and pgConn passes on.
type pgDriverConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.NamedValueChecker
	driver.SessionResetter
}

type pgConn struct{ pgDriverConn }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	text, ours := rebind(query)
	st, err := c.pgDriverConn.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	return &pgStmt{st, ours}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	text, ours := rebind(query)
	return c.pgDriverConn.ExecContext(ctx, text, flagArgs(args, ours))
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	text, ours := rebind(query)
	rows, err := c.pgDriverConn.QueryContext(ctx, text, flagArgs(args, ours))
	return flagRows(rows, ours), err
}

// pgStmt is a prepared statement of the store's (ours) or of the job queue's.
type pgStmt struct {
	driver.Stmt
	ours bool
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, flagArgs(args, s.ours))
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, flagArgs(args, s.ours))
	return flagRows(rows, s.ours), err
}

// flagRows makes the truth values of the store's results 0/1 integers, as
// SQLite gives them (`EXISTS (…)`, `a = b`).
func flagRows(rows driver.Rows, ours bool) driver.Rows {
	if rows == nil || !ours {
		return rows
	}
	return pgRows{rows}
}

type pgRows struct{ driver.Rows }

func (r pgRows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != nil {
		return err
	}
	for i, v := range dest {
		if b, ok := v.(bool); ok {
			dest[i] = int64(0)
			if b {
				dest[i] = int64(1)
			}
		}
	}
	return nil
}

// flagArgs passes the store's booleans as the 0/1 integers its columns hold.
func flagArgs(args []driver.NamedValue, ours bool) []driver.NamedValue {
	if !ours {
		return args
	}
	for i, a := range args {
		if b, ok := a.Value.(bool); ok {
			args[i].Value = int64(0)
			if b {
				args[i].Value = int64(1)
			}
		}
	}
	return args
}

// rebind turns SQLite's placeholders into PostgreSQL's: `?N` becomes `$N`
// and a bare `?` the next number after the largest so far, as SQLite counts
// them. Quoted strings, quoted names and comments are left alone. ours says
// whether the query was written in the store's dialect: one that already
// holds `$1` is PostgreSQL's own and returned unchanged.
func rebind(query string) (text string, ours bool) {
	if !strings.Contains(query, "?") {
		return query, !strings.Contains(query, "$1")
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	last := 0
	for i := 0; i < len(query); i++ {
		switch c := query[i]; c {
		case '\'', '"':
			end := closing(query, i+1, c)
			b.WriteString(query[i:end])
			i = end - 1
		case '-':
			if strings.HasPrefix(query[i:], "--") {
				end := strings.IndexByte(query[i:], '\n')
				if end < 0 {
					end = len(query) - i
				}
				b.WriteString(query[i : i+end])
				i += end - 1
				continue
			}
			b.WriteByte(c)
		case '$':
			if strings.HasPrefix(query[i:], "$1") {
				return query, false
			}
			b.WriteByte(c)
		case '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			n := last + 1
			if j > i+1 {
				n, _ = strconv.Atoi(query[i+1 : j])
			}
			last = max(last, n)
			b.WriteString("$" + strconv.Itoa(n))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// closing returns the index just past the quote that closes one opened
// before from, where a doubled quote stands for itself.
func closing(s string, from int, quote byte) int {
	for i := from; i < len(s); i++ {
		if s[i] == quote {
			if i+1 < len(s) && s[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(s)
}
