package route

import (
	"strings"
	"testing"

	"github.com/resonanz/resonanz"
)

// loads returns available agents with the given ids.
func loads(ids ...int64) map[int64]AgentLoad {
	m := make(map[int64]AgentLoad, len(ids))
	for _, id := range ids {
		m[id] = AgentLoad{User: &resonanz.User{ID: id}}
	}
	return m
}

// with returns agents with one agent changed.
func with(agents map[int64]AgentLoad, id int64, change func(*AgentLoad)) map[int64]AgentLoad {
	out := make(map[int64]AgentLoad, len(agents))
	for k, v := range agents {
		u := *v.User
		v.User = &u
		out[k] = v
	}
	a := out[id]
	change(&a)
	out[id] = a
	return out
}

func away(a *AgentLoad)     { a.User.Away = true }
func disabled(a *AgentLoad) { a.User.Disabled = true }
func full(a *AgentLoad)     { a.User.Capacity, a.Open = 3, 3 }

func TestPickAgent(t *testing.T) {
	team := &resonanz.Team{ID: 1, Members: []int64{30, 10, 20}, RoundRobin: true}
	queue := &resonanz.Team{ID: 2, Members: []int64{10, 20}}
	all := loads(10, 20, 30, 40)
	tests := []struct {
		name           string
		team           *resonanz.Team
		agents         map[int64]AgentLoad
		last, prev     int64
		want           int64
		reasonContains string
	}{
		{"PreviousOwner", team, all, 10, 30, 30, resonanz.AuditAssignPrevious},
		{"PreviousOwnerAway", team, with(all, 30, away), 10, 30, 20, resonanz.AuditAssignRoundRobin},
		{"PreviousOwnerFull", team, with(all, 30, full), 20, 30, 10, resonanz.AuditAssignRoundRobin},
		{"PreviousOwnerNotMember", team, all, 10, 40, 20, resonanz.AuditAssignRoundRobin},
		{"NextAfterLast", team, all, 10, 0, 20, resonanz.AuditAssignRoundRobin},
		{"WrapsAround", team, all, 30, 0, 10, resonanz.AuditAssignRoundRobin},
		{"NoLastYet", team, all, 0, 0, 10, resonanz.AuditAssignRoundRobin},
		{"LastLeftTheTeam", team, all, 25, 0, 30, resonanz.AuditAssignRoundRobin},
		{"SkipsAway", team, with(all, 20, away), 10, 0, 30, resonanz.AuditAssignRoundRobin},
		{"SkipsDisabled", team, with(all, 20, disabled), 10, 0, 30, resonanz.AuditAssignRoundRobin},
		{"SkipsFull", team, with(all, 20, full), 10, 0, 30, resonanz.AuditAssignRoundRobin},
		{"NoLimitWithoutCapacity", team, with(all, 20, func(a *AgentLoad) { a.Open = 500 }), 10, 0, 20, resonanz.AuditAssignRoundRobin},
		{"SkipsUnknownMember", team, loads(10, 30), 10, 0, 30, resonanz.AuditAssignRoundRobin},
		{"NobodyAvailable", team, with(with(with(all, 10, away), 20, away), 30, full), 10, 0, 0, "2 away, 1 at capacity"},
		{"QueueTeam", queue, all, 10, 0, 0, "queue"},
		{"QueueTeamPreviousOwner", queue, all, 10, 20, 20, resonanz.AuditAssignPrevious},
		{"NoMembers", &resonanz.Team{RoundRobin: true}, all, 0, 0, 0, "no members"},
		{"NoTeam", nil, all, 0, 10, 0, "no members"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := PickAgent(tt.team, tt.agents, tt.last, tt.prev)
			if got != tt.want || !strings.Contains(reason, tt.reasonContains) {
				t.Errorf("PickAgent = %d %q, want %d with %q", got, reason, tt.want, tt.reasonContains)
			}
		})
	}
}

func TestPickAgentFairness(t *testing.T) {
	team := &resonanz.Team{Members: []int64{5, 3, 8, 1, 13, 2}, RoundRobin: true}
	agents := with(with(loads(1, 2, 3, 5, 8, 13), 8, away), 2, disabled)
	counts := map[int64]int{}
	var last int64
	for range 103 {
		id, reason := PickAgent(team, agents, last, 0)
		if id == 0 {
			t.Fatalf("nobody picked: %s", reason)
		}
		counts[id]++
		last = id
	}
	if counts[8] != 0 || counts[2] != 0 {
		t.Errorf("away or disabled members picked: %v", counts)
	}
	lo, hi := 1<<30, 0
	for _, id := range []int64{1, 3, 5, 13} {
		lo, hi = min(lo, counts[id]), max(hi, counts[id])
	}
	if hi-lo > 1 {
		t.Errorf("uneven shares: %v", counts)
	}
}

func TestPickAgentRespectsCapacity(t *testing.T) {
	team := &resonanz.Team{Members: []int64{1, 2, 3}, RoundRobin: true}
	agents := loads(1, 2, 3)
	for id, capacity := range map[int64]int{1: 2, 2: 5, 3: 1} {
		agents[id].User.Capacity = capacity
	}
	var last int64
	for range 8 {
		id, _ := PickAgent(team, agents, last, 0)
		if id == 0 {
			break
		}
		a := agents[id]
		a.Open++
		agents[id] = a
		last = id
	}
	for id, a := range agents {
		if a.Open != a.User.Capacity {
			t.Errorf("agent %d has %d open, capacity %d", id, a.Open, a.User.Capacity)
		}
	}
	if id, reason := PickAgent(team, agents, last, 2); id != 0 || !strings.Contains(reason, "3 at capacity") {
		t.Errorf("all full: PickAgent = %d %q", id, reason)
	}
}
