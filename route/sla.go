package route

import "github.com/resonanz/resonanz"

// PickPolicy returns the SLA policy for a conversation: among the policies
// whose team, priority and channel are empty or equal to the conversation's,
// the most specific one (most fields set), and among those the one with the
// lowest id. It returns nil when no policy applies.
func PickPolicy(policies []*resonanz.SLAPolicy, teamID int64, priority, channel string) *resonanz.SLAPolicy {
	var best *resonanz.SLAPolicy
	bestScore := -1
	for _, p := range policies {
		if p == nil {
			continue
		}
		score, ok := policyScore(p, teamID, priority, channel)
		if !ok {
			continue
		}
		if score > bestScore || score == bestScore && p.ID < best.ID {
			best, bestScore = p, score
		}
	}
	return best
}

// policyScore reports whether p applies and how many of its fields are set.
func policyScore(p *resonanz.SLAPolicy, teamID int64, priority, channel string) (int, bool) {
	score := 0
	if p.TeamID != 0 {
		if p.TeamID != teamID {
			return 0, false
		}
		score++
	}
	if p.Priority != "" {
		if p.Priority != priority {
			return 0, false
		}
		score++
	}
	if p.Channel != "" {
		if p.Channel != channel {
			return 0, false
		}
		score++
	}
	return score, true
}
