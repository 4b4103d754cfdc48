package route

import (
	"testing"

	"github.com/resonanz/resonanz"
)

func TestPickPolicy(t *testing.T) {
	policies := []*resonanz.SLAPolicy{
		{ID: 1, Name: "default"},
		{ID: 2, Name: "team 7", TeamID: 7},
		{ID: 3, Name: "urgent", Priority: resonanz.PriorityUrgent},
		{ID: 4, Name: "team 7 urgent", TeamID: 7, Priority: resonanz.PriorityUrgent},
		{ID: 5, Name: "email", Channel: "email"},
		nil,
		{ID: 9, Name: "team 7 email, newer", TeamID: 7, Channel: "email"},
		{ID: 6, Name: "team 7 email", TeamID: 7, Channel: "email"},
	}
	tests := []struct {
		name     string
		policies []*resonanz.SLAPolicy
		team     int64
		priority string
		channel  string
		want     int64 // 0: none
	}{
		{"FallsBackToDefault", policies, 1, resonanz.PriorityNormal, "chat", 1},
		{"Team", policies, 7, resonanz.PriorityNormal, "chat", 2},
		{"TeamAndPriority", policies, 7, resonanz.PriorityUrgent, "chat", 4},
		{"TieGoesToLowestID", policies, 7, resonanz.PriorityNormal, "email", 6},
		{"EquallySpecificFieldsTie", policies, 8, resonanz.PriorityUrgent, "email", 3},
		{"NoPolicies", nil, 7, resonanz.PriorityNormal, "email", 0},
		{"NoneApplies", policies[1:5], 8, resonanz.PriorityLow, "chat", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PickPolicy(tt.policies, tt.team, tt.priority, tt.channel)
			var id int64
			if got != nil {
				id = got.ID
			}
			if id != tt.want {
				t.Errorf("picked policy %d, want %d", id, tt.want)
			}
		})
	}
}
