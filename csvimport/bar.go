package csvimport

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Bar draws an import's progress on one line of a terminal, at most a few
// times a second.
type Bar struct {
	W    io.Writer
	last time.Time
	p    Progress
}

// barWidth is how many characters the bar itself takes.
const barWidth = 30

// Update draws the progress, unless it was drawn a moment ago.
func (b *Bar) Update(p Progress) {
	b.p = p
	if now := time.Now(); now.Sub(b.last) >= 200*time.Millisecond {
		b.last = now
		b.draw()
	}
}

// Done draws the final state and ends the line.
func (b *Bar) Done() {
	b.p.Bytes = b.p.Total
	b.draw()
	fmt.Fprintln(b.W)
}

func (b *Bar) draw() {
	share := 1.0
	if b.p.Total > 0 {
		share = min(float64(b.p.Bytes)/float64(b.p.Total), 1)
	}
	filled := int(share * barWidth)
	fmt.Fprintf(b.W, "\r%3d%% [%s%s] %d rows, %.1f of %.1f MB", int(share*100), strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled),
		b.p.Rows, float64(b.p.Bytes)/1e6, float64(b.p.Total)/1e6)
}
