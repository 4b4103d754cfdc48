package resonanz_test

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestSurveyTally(t *testing.T) {
	for _, c := range []struct {
		name      string
		tally     resonanz.SurveyTally
		average   float64
		satisfied int
		nps       int
	}{
		{"NoAnswers", resonanz.SurveyTally{}, 0, 0, 0},
		// CSAT 5, 4, 2: mean 11/3, two of three satisfied (66.7 % rounds to 67).
		{"CSAT", resonanz.SurveyTally{CSAT: 3, CSATSum: 11, Satisfied: 2}, 11.0 / 3, 67, 0},
		// NPS 10, 9, 8, 3: half promoters, a quarter detractors.
		{"NPS", resonanz.SurveyTally{NPS: 4, Promoters: 2, Detractors: 1}, 0, 0, 25},
		// NPS 0, 5, 9: one promoter, two detractors of three: -33.3 rounds to -33.
		{"NPSBelowZero", resonanz.SurveyTally{NPS: 3, Promoters: 1, Detractors: 2}, 0, 0, -33},
		// Two detractors of eight, no promoter: -25 exactly.
		{"NPSExact", resonanz.SurveyTally{NPS: 8, Detractors: 2}, 0, 0, -25},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.tally.CSATAverage(); got != c.average {
				t.Errorf("CSAT average %v, want %v", got, c.average)
			}
			if got := c.tally.SatisfiedShare(); got != c.satisfied {
				t.Errorf("satisfied %d %%, want %d", got, c.satisfied)
			}
			if got := c.tally.NetPromoterScore(); got != c.nps {
				t.Errorf("NPS %d, want %d", got, c.nps)
			}
		})
	}
}
