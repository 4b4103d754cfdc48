package web

// A chart is drawn on the server as SVG: no script, scaled to the screen by
// its viewBox (chartWidth wide, so that it fits a 390 px phone as it is),
// with a title and a description for screen readers, and every bar a link.
const (
	chartWidth  = 360
	chartHeight = 180
	axisLeft    = 34 // room for the scale's numbers
	axisBottom  = 20 // room for the days
	barGap      = 0.2
	rowHeight   = 22  // of a horizontal bar chart
	rowLabel    = 130 // room for a horizontal bar's name
)

// chartView is one SVG chart.
type chartView struct {
	ID, Title, Desc string
	Height          int
	Bars            []chartBar
	Labels          []chartLabel
	Legend          []legendItem
	Grid            []chartLabel // lines of the scale, with their numbers
}

// chartBar is one bar, or one part of a stacked bar; it links to the inbox.
type chartBar struct {
	X, Y, W, H float64
	Class      string
	URL        string
	Label      string // what it counts, for its tooltip and screen readers
}

// chartLabel is a text in the chart.
type chartLabel struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
}

type legendItem struct {
	Class, Text string
}

// Left is where the plot starts, right of the scale's numbers.
func (c chartView) Left() int { return axisLeft }

// Width is the chart's width in its own units.
func (c chartView) Width() int { return chartWidth }

// stack is one column of a stacked column chart.
type stack struct {
	Label string
	Parts []stackPart
}

type stackPart struct {
	Count int
	Class string
	URL   string
	Label string
}

// columns draws stacked columns, one per bucket, on a scale from 0 to the
// tallest column; at most about seven labels under them.
func columns(c chartView, stacks []stack, num func(int) string) chartView {
	c.Height = chartHeight
	top := 0
	for _, s := range stacks {
		sum := 0
		for _, p := range s.Parts {
			sum += p.Count
		}
		top = max(top, sum)
	}
	plotW, plotH := float64(chartWidth-axisLeft), float64(chartHeight-axisBottom-8)
	c.Grid = scale(top, plotH, num)
	if len(stacks) == 0 {
		return c
	}
	step := plotW / float64(len(stacks))
	every := (len(stacks) + 6) / 7
	for i, s := range stacks {
		x := axisLeft + float64(i)*step + step*barGap/2
		y := plotH + 8
		for _, p := range s.Parts {
			if p.Count == 0 {
				continue
			}
			h := plotH * float64(p.Count) / float64(max(top, 1))
			y -= h
			c.Bars = append(c.Bars, chartBar{X: x, Y: y, W: step * (1 - barGap), H: h, Class: p.Class, URL: p.URL, Label: p.Label})
		}
		if i%every == 0 {
			c.Labels = append(c.Labels, chartLabel{X: x + step*(1-barGap)/2, Y: chartHeight - 5, Text: s.Label, Anchor: "middle"})
		}
	}
	return c
}

// scale returns the lines at 0, half and the top of a column chart.
func scale(top int, plotH float64, num func(int) string) []chartLabel {
	lines := []chartLabel{{X: axisLeft - 4, Y: plotH + 8, Text: "0", Anchor: "end"}}
	if top == 0 {
		return lines
	}
	if top >= 2 {
		half := top / 2
		lines = append(lines, chartLabel{X: axisLeft - 4, Y: plotH + 8 - plotH*float64(half)/float64(top), Text: num(half), Anchor: "end"})
	}
	return append(lines, chartLabel{X: axisLeft - 4, Y: 8, Text: num(top), Anchor: "end"})
}

// row is one bar of a horizontal bar chart.
type row struct {
	Name  string
	Count int
	Class string
	URL   string
	Label string
}

// rows draws horizontal bars, one per row, names on the left and counts
// at the bars' ends, so that long names need no room under the chart.
func rows(c chartView, list []row, num func(int) string) chartView {
	c.Height = max(len(list), 1)*rowHeight + 4
	top := 1
	for _, r := range list {
		top = max(top, r.Count)
	}
	plotW := float64(chartWidth - rowLabel - 36)
	for i, r := range list {
		y := float64(i*rowHeight) + 4
		w := plotW * float64(r.Count) / float64(top)
		c.Labels = append(c.Labels, chartLabel{X: rowLabel - 6, Y: y + 13, Text: shorten(r.Name, 20), Anchor: "end"},
			chartLabel{X: rowLabel + w + 4, Y: y + 13, Text: num(r.Count), Anchor: "start"})
		if r.Count > 0 {
			c.Bars = append(c.Bars, chartBar{X: rowLabel, Y: y, W: w, H: rowHeight - 6, Class: r.Class, URL: r.URL, Label: r.Label})
		}
	}
	return c
}

// shorten cuts a name to n characters with an ellipsis; the table behind
// the chart has it whole.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
