package web

import (
	"context"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

// policyChoice is what the rule tester says of answer times: the SLA policy
// a sample message would get, and the others that fit it but come later.
type policyChoice struct {
	Policy *resonanz.SLAPolicy // nil: none fits
	Others []*resonanz.SLAPolicy
}

// choosePolicy finds the policy a conversation routed as d on channel would get.
func (s *Server) choosePolicy(ctx context.Context, d resonanz.RouteDecision, channel string) (policyChoice, error) {
	policies, err := s.SLA.FindSLAPolicies(ctx)
	if err != nil {
		return policyChoice{}, err
	}
	var c policyChoice
	c.Policy, c.Others = resonanz.ChoosePolicy(policies, d.TeamID, d.Priority, channel)
	return c, nil
}

// PolicyScope says in the reader's words which conversations a policy is
// for, in the order of precedence: "priority urgent, channel Mastodon".
func (p *page) PolicyScope(sp *resonanz.SLAPolicy) string {
	var parts []string
	if sp.Priority != "" {
		parts = append(parts, fmt.Sprintf(p.T("sla.scope.priority"), p.Label("priority", sp.Priority)))
	}
	if sp.TeamID != 0 {
		parts = append(parts, fmt.Sprintf(p.T("sla.scope.team"), sp.TeamName))
	}
	if sp.Channel != "" {
		parts = append(parts, fmt.Sprintf(p.T("sla.scope.channel"), p.Channel(sp.Channel)))
	}
	if len(parts) == 0 {
		return p.T("sla.scope.all")
	}
	return strings.Join(parts, ", ")
}
