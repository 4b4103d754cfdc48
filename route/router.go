package route

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/resonanz/resonanz"
)

// Settings are what routing is configured with.
type Settings interface {
	FindRules(ctx context.Context) ([]*resonanz.Rule, error)
	FindSLAPolicies(ctx context.Context) ([]*resonanz.SLAPolicy, error)
	FindCalendars(ctx context.Context) ([]*resonanz.Calendar, error)
	FindTeams(ctx context.Context) ([]*resonanz.Team, error)
	FindUsers(ctx context.Context) ([]*resonanz.User, error)
}

// Router takes in what happened to conversations: it routes new ones by the
// rules, assigns them within their team, and keeps their answer-time clocks,
// writing each decision with its timers in one transaction.
type Router struct {
	Store    resonanz.RouteStore
	Settings Settings
	Logger   *slog.Logger
}

// batchSize bounds the conversations taken in per transaction.
const batchSize = 500

// Run takes in pending conversations whenever wake is signalled, and every
// interval in case a signal was missed, until ctx ends.
func (r *Router) Run(ctx context.Context, wake <-chan struct{}, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if _, err := r.RouteAll(ctx); err != nil && ctx.Err() == nil {
			r.Logger.Error("route", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-tick.C:
		}
	}
}

// RouteAll takes in every pending conversation and returns how many it handled.
func (r *Router) RouteAll(ctx context.Context) (int, error) {
	total := 0
	for {
		pending, err := r.Store.PendingRoutes(ctx, batchSize)
		if err != nil || len(pending) == 0 {
			return total, err
		}
		s, err := r.snapshot(ctx)
		if err != nil {
			return total, err
		}
		updates := make([]*resonanz.RouteUpdate, 0, len(pending))
		for _, p := range pending {
			u, err := s.decide(p)
			if err != nil {
				return total, fmt.Errorf("conversation %d: %w", p.Conversation.ID, err)
			}
			updates = append(updates, u)
		}
		if err := r.Store.ApplyRoutes(ctx, updates); err != nil {
			return total, err
		}
		total += len(pending)
	}
}

// snapshot is the routing configuration and the agents' loads at one moment.
type snapshot struct {
	engine     *Engine
	policies   []*resonanz.SLAPolicy
	policyByID map[int64]*resonanz.SLAPolicy
	hours      map[int64]*Hours // by calendar id
	teams      map[int64]*resonanz.Team
	agents     map[int64]AgentLoad
	last       map[int64]int64 // team → member who got its last conversation
}

func (r *Router) snapshot(ctx context.Context) (*snapshot, error) {
	rules, err := r.Settings.FindRules(ctx)
	if err != nil {
		return nil, err
	}
	s := &snapshot{engine: NewEngine(rules), policyByID: map[int64]*resonanz.SLAPolicy{}, hours: map[int64]*Hours{},
		teams: map[int64]*resonanz.Team{}, agents: map[int64]AgentLoad{}}
	if s.policies, err = r.Settings.FindSLAPolicies(ctx); err != nil {
		return nil, err
	}
	for _, p := range s.policies {
		s.policyByID[p.ID] = p
	}
	calendars, err := r.Settings.FindCalendars(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range calendars {
		h, err := Compile(c)
		if err != nil {
			return nil, fmt.Errorf("calendar %q: %w", c.Name, err)
		}
		s.hours[c.ID] = h
	}
	teams, err := r.Settings.FindTeams(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		s.teams[t.ID] = t
	}
	users, err := r.Settings.FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := r.Store.OpenLoads(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		s.agents[u.ID] = AgentLoad{User: u, Open: loads[u.ID]}
	}
	s.last, err = r.Store.TeamLastAssigned(ctx)
	return s, err
}

// decide works out one conversation's routing, owner and clock.
func (s *snapshot) decide(p *resonanz.PendingRoute) (*resonanz.RouteUpdate, error) {
	c := p.Conversation
	u := &resonanz.RouteUpdate{ConversationID: c.ID, LastEventID: p.Events[len(p.Events)-1].ID}
	team, priority := c.TeamID, c.Priority
	isNew := slices.ContainsFunc(p.Events, func(e resonanz.RouteEvent) bool { return e.Kind == resonanz.RouteNew })
	if isNew && c.Route == nil {
		in := &resonanz.RouteInput{Channel: c.Channel, Language: c.Language, Sentiment: c.Sentiment, Kind: c.Kind, Topics: c.Topics,
			Urgency: c.Urgency, VIP: p.VIP, Repeat: slices.Contains(c.Urgency, resonanz.UrgentRepeat), Text: p.Text}
		u.Routed, u.Decision = true, s.engine.Route(in)
		if u.Decision.TeamID != 0 {
			team = u.Decision.TeamID
		}
		priority = u.Decision.Priority
	}
	if c.OwnerID == 0 && c.Status != resonanz.StatusSolved && c.Status != resonanz.StatusClosed {
		s.assign(u, team, p.PreviousOwner)
	}
	if err := s.clock(u, p, team, priority); err != nil {
		return nil, err
	}
	return u, nil
}

// assign picks an owner: the one a rule names, else the next available member
// of a round-robin team.
func (s *snapshot) assign(u *resonanz.RouteUpdate, teamID, previous int64) {
	if u.Routed && u.Decision.OwnerID != 0 {
		u.AssignTo, u.AssignReason = u.Decision.OwnerID, resonanz.AuditAssignRule
	} else if t := s.teams[teamID]; t != nil && t.RoundRobin {
		u.AssignTo, u.AssignReason = PickAgent(t, s.agents, s.last[teamID], previous)
		if u.AssignTo != 0 {
			s.last[teamID] = u.AssignTo
		}
	}
	if a, ok := s.agents[u.AssignTo]; ok && u.AssignTo != 0 {
		a.Open++
		s.agents[u.AssignTo] = a
	}
}

// clock replays the conversation's events on its answer-time clock; a new
// clock, or one whose policy changed, starts when the customer wrote the
// conversation's first message, so a message that arrives late may arrive
// overdue.
func (s *snapshot) clock(u *resonanz.RouteUpdate, p *resonanz.PendingRoute, team int64, priority string) error {
	c := p.Conversation
	policy, _ := resonanz.ChoosePolicy(s.policies, team, priority, c.Channel)
	if policy == nil {
		return nil
	}
	hours := s.hours[policy.CalendarID] // nil: around the clock
	var clock Clock
	if policy.ID == p.PolicyID && len(p.Clock) > 0 {
		if err := json.Unmarshal(p.Clock, &clock); err != nil {
			return fmt.Errorf("stored clock: %w", err)
		}
	} else {
		clock.Start(policy, hours, c.CreatedAt)
	}
	for _, e := range p.Events {
		switch e.Kind {
		case resonanz.RouteCustomer:
			clock.CustomerWrote(hours, e.At)
		case resonanz.RouteAgent:
			clock.AgentReplied(e.At)
		case resonanz.StatusWaiting:
			clock.Pause(hours, e.At)
		case resonanz.StatusOpen:
			clock.Resume(hours, e.At)
		case resonanz.StatusSolved, resonanz.StatusClosed:
			clock.Resolved(hours, e.At)
		}
	}
	raw, err := json.Marshal(&clock)
	if err != nil {
		return err
	}
	u.PolicyID, u.Clock = policy.ID, raw
	u.Goal, u.Due = clock.Next()
	if !u.Due.IsZero() && policy.WarnBefore > 0 {
		u.WarnAt = u.Due.Add(-policy.WarnBefore)
	}
	return nil
}
