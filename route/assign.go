package route

import (
	"fmt"
	"slices"

	"github.com/resonanz/resonanz"
)

// AgentLoad is what assignment knows about one agent: the user, and how many
// open conversations they have.
type AgentLoad struct {
	User *resonanz.User
	Open int
}

// unavailable says why an agent cannot take a conversation; "" if they can.
func (a AgentLoad) unavailable() string {
	switch {
	case a.User == nil:
		return "unknown user"
	case a.User.Disabled:
		return "disabled"
	case a.User.Away:
		return "away"
	case a.User.Capacity > 0 && a.Open >= a.User.Capacity:
		return "at capacity"
	}
	return ""
}

// PickAgent chooses the team member who gets a new conversation, and says
// why: as the audit kind resonanz.AuditAssignPrevious or
// AuditAssignRoundRobin when it picks someone, else in a few words for the
// log. The customer's previous owner comes first if they are a member and
// available: not away or disabled, and below their capacity. Otherwise, on a
// round-robin team, it is the next available member after lastAssigned in
// order of user id, wrapping around, which keeps the shares even. It returns
// 0 when the conversation stays in the team queue: the team works without
// round-robin, or nobody can take it.
func PickAgent(team *resonanz.Team, agents map[int64]AgentLoad, lastAssigned, previousOwner int64) (userID int64, reason string) {
	if team == nil || len(team.Members) == 0 {
		return 0, "the team has no members"
	}
	if previousOwner != 0 && slices.Contains(team.Members, previousOwner) && agents[previousOwner].unavailable() == "" {
		return previousOwner, resonanz.AuditAssignPrevious
	}
	if !team.RoundRobin {
		return 0, "the team takes conversations from its queue"
	}
	members := slices.Clone(team.Members)
	slices.Sort(members)
	members = slices.Compact(members)
	next, _ := slices.BinarySearch(members, lastAssigned+1)
	skipped := map[string]int{}
	for i := range members {
		id := members[(next+i)%len(members)]
		why := agents[id].unavailable()
		if why == "" {
			return id, resonanz.AuditAssignRoundRobin
		}
		skipped[why]++
	}
	return 0, "nobody can take it: " + describeSkipped(skipped)
}

// describeSkipped lists why members were passed over, e.g. "2 away, 1 at
// capacity", in a fixed order.
func describeSkipped(skipped map[string]int) string {
	var out string
	for _, why := range []string{"away", "at capacity", "disabled", "unknown user"} {
		if n := skipped[why]; n > 0 {
			if out != "" {
				out += ", "
			}
			out += fmt.Sprintf("%d %s", n, why)
		}
	}
	return out
}
