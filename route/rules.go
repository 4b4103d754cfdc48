package route

import (
	"cmp"
	"slices"

	"github.com/resonanz/resonanz"
)

// Engine routes incoming messages by a set of rules compiled once; it is
// safe for concurrent use. Build a new Engine when the rules change.
type Engine struct {
	rules []compiledRule
	stems stemTable
}

// compiledRule is an enabled rule prepared for matching.
type compiledRule struct {
	id       int64
	name     string
	cont     bool
	cond     resonanz.RuleConditions
	keywords []keyword
	actions  resonanz.RuleActions
}

// NewEngine compiles the enabled rules in Position order (ties by id).
// Keywords without letters or digits are dropped; a rule left without any
// of its keywords never matches. A priority action that is not a priority
// is ignored.
func NewEngine(rules []*resonanz.Rule) *Engine {
	sorted := slices.DeleteFunc(slices.Clone(rules), func(r *resonanz.Rule) bool { return r == nil || !r.Enabled })
	slices.SortStableFunc(sorted, func(a, b *resonanz.Rule) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
	e := &Engine{stems: make(stemTable)}
	for _, r := range sorted {
		c := compiledRule{id: r.ID, name: r.Name, cont: r.Continue, cond: r.Conditions, actions: r.Actions}
		for _, text := range r.Conditions.Keywords {
			if kw, ok := compileKeyword(text, e.stems); ok {
				c.keywords = append(c.keywords, kw)
			}
		}
		if !resonanz.ValidPriority(c.actions.Priority) {
			c.actions.Priority = ""
		}
		e.rules = append(e.rules, c)
	}
	return e
}

// stackStems is how many keyword stems Route tracks without allocating.
const stackStems = 1024

// Route decides team, priority, tags and owner for a message. Rules apply in
// order: a matching rule with Continue false ends routing, one with Continue
// true lets later rules match too, which override its team, owner and
// priority and add their tags. Without a priority from a rule, a message
// with urgency signals is high priority and any other normal.
func (e *Engine) Route(in *resonanz.RouteInput) resonanz.RouteDecision {
	var d resonanz.RouteDecision
	if in == nil {
		in = &resonanz.RouteInput{}
	}
	if e != nil {
		var small [stackStems / 64]uint64
		m := messageStems{table: e.stems, text: in.Text, bits: small[:]}
		if len(e.stems) > stackStems {
			m.bits = make([]uint64, (len(e.stems)+63)/64)
		}
		e.apply(in, &m, &d)
	}
	if d.Priority == "" {
		d.Priority = resonanz.PriorityNormal
		if len(in.Urgency) > 0 {
			d.Priority = resonanz.PriorityHigh
		}
	}
	return d
}

// apply runs the rules on one message.
func (e *Engine) apply(in *resonanz.RouteInput, m *messageStems, d *resonanz.RouteDecision) {
	for i := range e.rules {
		r := &e.rules[i]
		if !r.matches(in, m) {
			continue
		}
		a := r.actions
		if a.TeamID != 0 {
			d.TeamID = a.TeamID
		}
		if a.OwnerID != 0 {
			d.OwnerID = a.OwnerID
		}
		if a.Priority != "" {
			d.Priority = a.Priority
		}
		for _, tag := range a.Tags {
			if !slices.Contains(d.Tags, tag) {
				d.Tags = append(d.Tags, tag)
			}
		}
		d.Matches = append(d.Matches, resonanz.RuleMatch{RuleID: r.id, RuleName: r.name, Reasons: r.reasons(in, m)})
		if !r.cont {
			return
		}
	}
}

// TryRules routes a sample message with rules that are not saved yet.
func TryRules(rules []*resonanz.Rule, in *resonanz.RouteInput) resonanz.RouteDecision {
	return NewEngine(rules).Route(in)
}
