package resonanz

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// GoodwillSum is the goodwill granted in one group of a report.
type GoodwillSum struct {
	Month  string // "2006-01"; empty in sums over the whole report
	Key    string // kind or reason
	Count  int
	Amount int64 // euro cents
}

// GoodwillReport sums granted goodwill per month and kind, and per reason.
type GoodwillReport struct {
	ByKind   []GoodwillSum // newest month first, then by kind
	ByReason []GoodwillSum // largest amount first
	Total    int64
}

// SummarizeGoodwill sums the granted grants among grants, by month in loc.
// Reasons are grouped regardless of case and surrounding space.
func SummarizeGoodwill(grants []*GoodwillGrant, loc *time.Location) *GoodwillReport {
	byKind := map[[2]string]*GoodwillSum{}
	byReason := map[string]*GoodwillSum{}
	r := &GoodwillReport{}
	for _, g := range grants {
		if g.State != GoodwillGranted {
			continue
		}
		month := g.GrantedAt.In(loc).Format("2006-01")
		k := [2]string{month, g.Kind}
		if byKind[k] == nil {
			byKind[k] = &GoodwillSum{Month: month, Key: g.Kind}
		}
		reason := strings.ToLower(strings.Join(strings.Fields(g.Reason), " "))
		if byReason[reason] == nil {
			byReason[reason] = &GoodwillSum{Key: strings.TrimSpace(g.Reason)}
		}
		for _, s := range []*GoodwillSum{byKind[k], byReason[reason]} {
			s.Count++
			s.Amount += g.Amount
		}
		r.Total += g.Amount
	}
	for _, s := range byKind {
		r.ByKind = append(r.ByKind, *s)
	}
	for _, s := range byReason {
		r.ByReason = append(r.ByReason, *s)
	}
	slices.SortFunc(r.ByKind, func(a, b GoodwillSum) int {
		return cmp.Or(strings.Compare(b.Month, a.Month), slices.Index(GoodwillKinds, a.Key)-slices.Index(GoodwillKinds, b.Key))
	})
	slices.SortFunc(r.ByReason, func(a, b GoodwillSum) int {
		return cmp.Or(cmp.Compare(b.Amount, a.Amount), strings.Compare(a.Key, b.Key))
	})
	return r
}
