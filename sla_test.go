package resonanz_test

import (
	"slices"
	"testing"

	"github.com/resonanz/resonanz"
)

func TestChoosePolicy(t *testing.T) {
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
	// The demo's policies: the social media one was made before the urgent one.
	demo := []*resonanz.SLAPolicy{
		{ID: 1, Name: "Standard"},
		{ID: 2, Name: "Social Media", Channel: "mastodon"},
		{ID: 3, Name: "Dringend", Priority: resonanz.PriorityUrgent},
	}
	tests := []struct {
		name     string
		policies []*resonanz.SLAPolicy
		team     int64
		priority string
		channel  string
		want     int64   // 0: none
		others   []int64 // the others that apply, in order
	}{
		{"FallsBackToDefault", policies, 1, resonanz.PriorityNormal, "chat", 1, nil},
		{"Team", policies, 7, resonanz.PriorityNormal, "chat", 2, []int64{1}},
		{"TeamAndPriority", policies, 7, resonanz.PriorityUrgent, "chat", 4, []int64{3, 2, 1}},
		{"PriorityBeforeTeamAndChannel", policies, 7, resonanz.PriorityUrgent, "email", 4, []int64{3, 6, 9, 2, 5, 1}},
		{"TeamBeforeChannel", policies, 7, resonanz.PriorityNormal, "email", 6, []int64{9, 2, 5, 1}},
		{"PriorityBeforeChannel", policies, 8, resonanz.PriorityUrgent, "email", 3, []int64{5, 1}},
		{"UrgentOnSocialMediaGetsTheUrgentGoal", demo, 0, resonanz.PriorityUrgent, "mastodon", 3, []int64{2, 1}},
		{"SocialMedia", demo, 0, resonanz.PriorityHigh, "mastodon", 2, []int64{1}},
		{"UrgentEmail", demo, 0, resonanz.PriorityUrgent, "email", 3, []int64{1}},
		{"NoPolicies", nil, 7, resonanz.PriorityNormal, "email", 0, nil},
		{"NoneApplies", policies[1:5], 8, resonanz.PriorityLow, "chat", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, others := resonanz.ChoosePolicy(tt.policies, tt.team, tt.priority, tt.channel)
			var id int64
			if got != nil {
				id = got.ID
			}
			var ids []int64
			for _, p := range others {
				ids = append(ids, p.ID)
			}
			if id != tt.want || !slices.Equal(ids, tt.others) {
				t.Fatalf("chose %d then %v, want %d then %v", id, ids, tt.want, tt.others)
			}
		})
	}
}
