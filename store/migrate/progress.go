package migrate

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/resonanz/resonanz/store"
)

// progress shows how far the copy of each table has come: on a terminal
// one line per table, rewritten in place after every batch; elsewhere (a
// log, a pipe) one line once a table is done.
type progress struct {
	out      io.Writer
	terminal bool
	table    string
	done     int64 // rows of the table copied so far
	total    int64
	first    int64 // rows the table held when it started (a resumed run)
	start    time.Time
}

func newProgress(out io.Writer) *progress {
	return &progress{out: out, terminal: isTerminal(out)}
}

// show is told of every table's start and every batch.
func (p *progress) show(c store.CopyProgress) {
	if c.Table != p.table {
		p.finish()
		p.table, p.first, p.start = c.Table, c.Done, time.Now()
	}
	p.done, p.total = c.Done, c.Total
	if p.terminal {
		fmt.Fprintf(p.out, "\r\033[K%s", p.line())
	}
}

// finish ends the line of the table before.
func (p *progress) finish() {
	if p.table == "" {
		return
	}
	if p.terminal {
		fmt.Fprintf(p.out, "\r\033[K%s\n", p.line())
	} else {
		fmt.Fprintln(p.out, p.line())
	}
	p.table = ""
}

func (p *progress) line() string {
	s := fmt.Sprintf("%-28s %9d / %-9d", p.table, p.done, p.total)
	if p.total > 0 {
		s += fmt.Sprintf(" %3d%%", p.done*100/p.total)
	}
	switch copied := p.done - p.first; {
	case copied == 0 && p.first > 0:
		s += "  there already"
	case copied > 0:
		if secs := time.Since(p.start).Seconds(); secs > 0 {
			s += fmt.Sprintf("  %.0f rows/s", float64(copied)/secs)
		}
	}
	return s
}

// isTerminal says whether out is a terminal, where a line can be rewritten.
func isTerminal(out io.Writer) bool {
	f, ok := out.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
