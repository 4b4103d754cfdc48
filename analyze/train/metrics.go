package train

import (
	"fmt"
	"io"
	"slices"
)

// confusion counts gold (rows) against predicted (columns) labels.
type confusion struct {
	classes []string
	m       [][]int
}

func newConfusion(classes []string) *confusion {
	m := make([][]int, len(classes))
	for i := range m {
		m[i] = make([]int, len(classes))
	}
	return &confusion{classes, m}
}

func (c *confusion) add(gold, pred int) { c.m[gold][pred]++ }

func (c *confusion) total() (n, correct int) {
	for i, row := range c.m {
		for j, v := range row {
			n += v
			if i == j {
				correct += v
			}
		}
	}
	return n, correct
}

// precision and recall of class k; zero when undefined.
func (c *confusion) precision(k int) float64 {
	col := 0
	for i := range c.m {
		col += c.m[i][k]
	}
	return ratio(c.m[k][k], col)
}

func (c *confusion) recall(k int) float64 {
	row := 0
	for _, v := range c.m[k] {
		row += v
	}
	return ratio(c.m[k][k], row)
}

func (c *confusion) f1(k int) float64 {
	p, r := c.precision(k), c.recall(k)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// macroF1 averages the F1 of the classes that occur in gold or prediction.
func (c *confusion) macroF1() float64 {
	sum, n := 0.0, 0
	for k := range c.classes {
		row, col := 0, 0
		for i := range c.m {
			row += c.m[k][i]
			col += c.m[i][k]
		}
		if row+col > 0 {
			sum += c.f1(k)
			n++
		}
	}
	return ratio64(sum, n)
}

func ratio(a, b int) float64 { return ratio64(float64(a), b) }

func ratio64(a float64, b int) float64 {
	if b == 0 {
		return 0
	}
	return a / float64(b)
}

// Score is the result of one task on one data set.
type Score struct {
	Set       string
	Task      string
	N         int
	Accuracy  float64
	MicroF1   float64 // equals accuracy for single-label tasks
	MacroF1   float64
	Classes   []string
	Precision []float64
	Recall    []float64
	Confusion [][]int // gold rows, predicted columns
}

func (c *confusion) score(set, task string) Score {
	n, correct := c.total()
	s := Score{Set: set, Task: task, N: n, Accuracy: ratio(correct, n), MacroF1: c.macroF1(), Classes: c.classes, Confusion: c.m}
	s.MicroF1 = s.Accuracy
	for k := range c.classes {
		s.Precision = append(s.Precision, c.precision(k))
		s.Recall = append(s.Recall, c.recall(k))
	}
	return s
}

// print writes the score as a small table.
func (s Score) print(w io.Writer) {
	fmt.Fprintf(w, "%s — %s (n=%d): accuracy %.3f  micro-F1 %.3f  macro-F1 %.3f\n", s.Set, s.Task, s.N, s.Accuracy, s.MicroF1, s.MacroF1)
	fmt.Fprintf(w, "  %-12s %9s %9s   confusion (gold \\ predicted)\n", "class", "precision", "recall")
	for k, c := range s.Classes {
		fmt.Fprintf(w, "  %-12s %9.3f %9.3f  ", c, s.Precision[k], s.Recall[k])
		for _, v := range s.Confusion[k] {
			fmt.Fprintf(w, " %6d", v)
		}
		fmt.Fprintln(w)
	}
}

// F1 returns the micro- and macro-F1 of predicted against gold labels of
// classes; pairs with a label outside classes are skipped.
func F1(classes, gold, predicted []string) (micro, macro float64) {
	c := newConfusion(classes)
	for i := range gold {
		g, p := slices.Index(classes, gold[i]), slices.Index(classes, predicted[i])
		if g >= 0 && p >= 0 {
			c.add(g, p)
		}
	}
	s := c.score("", "")
	return s.MicroF1, s.MacroF1
}
