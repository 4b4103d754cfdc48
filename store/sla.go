package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// FindCalendars lists the business-hours calendars by name.
func (db *DB) FindCalendars(ctx context.Context) ([]*resonanz.Calendar, error) {
	var list []*resonanz.Calendar
	err := db.eachRow(ctx, `SELECT id, name, time_zone, week, state, closed FROM calendars ORDER BY name`, func(rows *sql.Rows) error {
		var c resonanz.Calendar
		var week, closed string
		if err := rows.Scan(&c.ID, &c.Name, &c.TimeZone, &week, &c.State, &closed); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(week), &c.Week); err != nil {
			return fmt.Errorf("calendar %d: %w", c.ID, err)
		}
		c.Closed = strings.Fields(closed)
		list = append(list, &c)
		return nil
	})
	return list, err
}

// SaveCalendar creates (ID 0) or updates a calendar. The caller checks that
// its hours and holidays make sense; the store checks the name and time zone.
func (db *DB) SaveCalendar(ctx context.Context, c *resonanz.Calendar) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" || len(c.Name) > 100 {
		return resonanz.FieldError("name", "A calendar needs a name (1–100 characters).").Keyed("calendar.name")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		return resonanz.FieldError("time_zone", "Unknown time zone %q.", c.TimeZone).Keyed("calendar.zone")
	}
	week, _ := json.Marshal(c.Week)
	closed := strings.Join(c.Closed, " ")
	var err error
	if c.ID == 0 {
		err = db.write.QueryRowContext(ctx, `INSERT INTO calendars (name, time_zone, week, state, closed) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			c.Name, c.TimeZone, string(week), c.State, closed).Scan(&c.ID)
	} else {
		_, err = db.write.ExecContext(ctx, `UPDATE calendars SET name = ?, time_zone = ?, week = ?, state = ?, closed = ? WHERE id = ?`,
			c.Name, c.TimeZone, string(week), c.State, closed, c.ID)
	}
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return resonanz.FieldError("name", "A calendar named %q exists already.", c.Name).Keyed("calendar.exists")
	} else if err != nil {
		return fmt.Errorf("store: save calendar: %w", err)
	}
	return nil
}

// FindSLAPolicies lists the SLA policies by name.
func (db *DB) FindSLAPolicies(ctx context.Context) ([]*resonanz.SLAPolicy, error) {
	var list []*resonanz.SLAPolicy
	err := db.eachRow(ctx, `SELECT p.id, p.name, coalesce(p.team_id, 0), coalesce(t.name, ''), p.priority, p.channel,
		p.first_response, p.next_response, p.resolution, p.warn_before, p.reassign, coalesce(p.calendar_id, 0), coalesce(c.name, '')
		FROM sla_policies p LEFT JOIN teams t ON t.id = p.team_id LEFT JOIN calendars c ON c.id = p.calendar_id
		ORDER BY p.name, p.id`, func(rows *sql.Rows) error {
		var p resonanz.SLAPolicy
		var first, next, resolution, warn int64
		if err := rows.Scan(&p.ID, &p.Name, &p.TeamID, &p.TeamName, &p.Priority, &p.Channel,
			&first, &next, &resolution, &warn, &p.Reassign, &p.CalendarID, &p.CalendarName); err != nil {
			return err
		}
		p.FirstResponse, p.NextResponse = time.Duration(first)*time.Second, time.Duration(next)*time.Second
		p.Resolution, p.WarnBefore = time.Duration(resolution)*time.Second, time.Duration(warn)*time.Second
		list = append(list, &p)
		return nil
	})
	return list, err
}

// SaveSLAPolicy creates (ID 0) or updates an SLA policy.
func (db *DB) SaveSLAPolicy(ctx context.Context, p *resonanz.SLAPolicy) error {
	if err := validatePolicy(p); err != nil {
		return err
	}
	args := []any{p.Name, nullID(p.TeamID), p.Priority, p.Channel, seconds(p.FirstResponse), seconds(p.NextResponse),
		seconds(p.Resolution), seconds(p.WarnBefore), p.Reassign, nullID(p.CalendarID)}
	var err error
	if p.ID == 0 {
		err = db.write.QueryRowContext(ctx, `INSERT INTO sla_policies (name, team_id, priority, channel, first_response, next_response,
			resolution, warn_before, reassign, calendar_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args...).Scan(&p.ID)
	} else {
		_, err = db.write.ExecContext(ctx, `UPDATE sla_policies SET name = ?, team_id = ?, priority = ?, channel = ?, first_response = ?,
			next_response = ?, resolution = ?, warn_before = ?, reassign = ?, calendar_id = ? WHERE id = ?`, append(args, p.ID)...)
	}
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return resonanz.FieldError("team_id", "The team or calendar does not exist.").Keyed("sla.refs")
	} else if err != nil {
		return fmt.Errorf("store: save sla policy: %w", err)
	}
	return nil
}

func validatePolicy(p *resonanz.SLAPolicy) error {
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "" || len(p.Name) > 100:
		return resonanz.FieldError("name", "A policy needs a name (1–100 characters).").Keyed("sla.name")
	case p.Priority != "" && !resonanz.ValidPriority(p.Priority):
		return resonanz.FieldError("priority", "Unknown priority %q.", p.Priority).Keyed("priority.unknown")
	case p.FirstResponse < 0 || p.NextResponse < 0 || p.Resolution < 0 || p.WarnBefore < 0:
		return resonanz.FieldError("first_response", "Answer times cannot be negative.").Keyed("sla.negative")
	case p.FirstResponse == 0 && p.NextResponse == 0 && p.Resolution == 0:
		return resonanz.FieldError("first_response", "Set at least one goal: first response, next response or resolution.").Keyed("sla.goal")
	}
	if p.Channel != "" {
		if _, ok := resonanz.LookupChannel(p.Channel); !ok {
			return resonanz.FieldError("channel", "Unknown channel %q.", p.Channel).Keyed("channel.unknown")
		}
	}
	return nil
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

// DeleteSLAPolicy removes a policy; the conversations under it lose their
// clock (their timers then find no due time and do nothing).
func (db *DB) DeleteSLAPolicy(ctx context.Context, id int64) error {
	return db.inTx(ctx, "delete sla policy", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET sla_due = NULL, sla_goal = '', sla_clock = '', sla_policy_id = NULL
			WHERE sla_policy_id = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sla_policies WHERE id = ?`, id)
		return err
	})
}
