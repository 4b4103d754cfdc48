package eval

import (
	"math"
	"testing"
)

func TestScoreNAB(t *testing.T) {
	window := [][2]int{{40, 59}}
	for _, tc := range []struct {
		name   string
		alarms []int
		want   float64 // normalised
	}{
		{"nothing", nil, 0},
		{"first row of the window", []int{40}, 100},
		{"only the earliest alarm in a window counts", []int{40, 45, 59}, 100},
		{"last row of the window", []int{59}, 50 * (1 + nabSigmoid(-1.0/20)/nabSigmoid(-1))},
		{"false alarm before any window", []int{20}, 50 * (-0.11)},
		{"false alarm in probation is not scored", []int{10}, 0},
		{"false alarm long after the window", []int{40, 99}, 50 * (2 + 0.11*nabSigmoid(40.0/19))},
		{"false alarm right after the window costs less", []int{40, 60}, 50 * (2 + 0.11*nabSigmoid(1.0/19))},
	} {
		got := scoreNAB(100, tc.alarms, window).normalised()
		if math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: score %.4f, want %.4f", tc.name, got, tc.want)
		}
	}
	if nabSigmoid(3) != -1 || math.Abs(nabSigmoid(-1)-0.98661) > 1e-5 || nabSigmoid(0) != 0 {
		t.Errorf("scaled sigmoid: %v at -1, %v at 0, %v at 3", nabSigmoid(-1), nabSigmoid(0), nabSigmoid(3))
	}
	if s := scoreNAB(100, []int{5}, [][2]int{{2, 8}}); s.perfect != 0 || s.raw != 0 {
		t.Errorf("a window inside the probation period counted: %+v", s)
	}
}
