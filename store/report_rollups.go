package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/resonanz/resonanz"
)

// Local days of the rollups' zone are written from the first to the last of
// these years; conversations outside them count on day 0.
const (
	reportFirstYear = 1970
	reportLastYear  = 2100
)

// CountReportsIn makes the rollups (migration 0120) count by the local days
// of loc. A zone other than the one they count by rewrites the days and
// recounts the rollups from the conversations, in one transaction.
func (db *DB) CountReportsIn(ctx context.Context, loc *time.Location) error {
	zone, err := db.ReportZone(ctx)
	if err != nil || zone == loc.String() {
		return err
	}
	return db.inTx(ctx, "count reports in "+loc.String(), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_days`); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO report_days (start) VALUES (?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		end := time.Date(reportLastYear+1, 1, 1, 0, 0, 0, 0, loc)
		for d := 0; ; d++ {
			day := time.Date(reportFirstYear, 1, 1+d, 0, 0, 0, 0, loc)
			if !day.Before(end) {
				break
			}
			if _, err := stmt.ExecContext(ctx, millis(day)); err != nil {
				return err
			}
		}
		for _, q := range []string{
			`DELETE FROM report_day_counts`,
			`INSERT INTO report_day_counts SELECT day, topic, channel, kind, sentiment, language, team_id, owner_id, count(*)
				FROM report_conversation_days GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
			`DELETE FROM report_open_days`,
			`INSERT INTO report_open_days SELECT topic, day, channel, language, team_id, owner_id, count(*)
				FROM report_conversation_days WHERE is_open GROUP BY 1, 2, 3, 4, 5, 6`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE report_zone SET name = ?`, loc.String())
		return err
	})
}

// ReportZone names the time zone whose local days the rollups count by; "": none yet.
func (db *DB) ReportZone(ctx context.Context) (string, error) {
	var zone string
	if err := db.read.QueryRowContext(ctx, `SELECT name FROM report_zone`).Scan(&zone); err != nil {
		return "", fmt.Errorf("store: report zone: %w", err)
	}
	return zone, nil
}

// rollupConditions are the WHERE terms of a report filter on a rollup r;
// the period's days only when withPeriod.
func rollupConditions(f resonanz.ReportFilter, withPeriod bool) (where []string, args []any) {
	where, args = []string{"r.topic = ?"}, []any{f.Topic}
	if withPeriod {
		where, args = append(where, "r.day >= ? AND r.day < ?"), append(args, millis(f.From), millis(f.To))
	}
	return filterConditions(f, "r", where, args)
}

// DayCounts counts the period's conversations per local day, channel, kind
// and sentiment from the rollups; the period's bounds are local midnights
// of the rollups' zone.
func (db *DB) DayCounts(ctx context.Context, f resonanz.ReportFilter) ([]resonanz.CountFact, error) {
	where, args := rollupConditions(f, true)
	var counts []resonanz.CountFact
	err := db.eachRow(ctx, `SELECT r.day, r.channel, r.kind, r.sentiment, sum(r.n) FROM report_day_counts r
		WHERE `+strings.Join(where, " AND ")+` GROUP BY 1, 2, 3, 4`, func(rows *sql.Rows) error {
		var day int64
		var c resonanz.CountFact
		if err := rows.Scan(&day, &c.Channel, &c.Kind, &c.Sentiment, &c.Count); err != nil {
			return err
		}
		c.Slot = fromMillis(day)
		counts = append(counts, c)
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: day counts: %w", err)
	}
	return counts, nil
}

// DayTopicTally counts, per topic, the conversations created in the period,
// from the rollups. The filter's topic is not applied: the rollups do not
// know which topics a conversation has besides the one counted.
func (db *DB) DayTopicTally(ctx context.Context, f resonanz.ReportFilter) (map[string]int, error) {
	f.Topic = ""
	where, args := rollupConditions(f, true)
	where[0] = "r.topic <> ?"
	tally := map[string]int{}
	err := db.eachRow(ctx, `SELECT r.topic, sum(r.n) FROM report_day_counts r WHERE `+strings.Join(where, " AND ")+` GROUP BY 1`,
		func(rows *sql.Rows) error {
			var topic string
			var n int
			if err := rows.Scan(&topic, &n); err != nil {
				return err
			}
			tally[topic] = n
			return nil
		}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: day topic tally: %w", err)
	}
	return tally, nil
}

// OpenWorkDays counts the open work now per local day of creation, oldest
// day first, from the rollups; the period is not applied.
func (db *DB) OpenWorkDays(ctx context.Context, f resonanz.ReportFilter) ([]resonanz.DayCount, error) {
	where, args := rollupConditions(f, false)
	var days []resonanz.DayCount
	err := db.eachRow(ctx, `SELECT r.day, sum(r.n) FROM report_open_days r WHERE `+strings.Join(where, " AND ")+`
		GROUP BY 1 ORDER BY 1`, func(rows *sql.Rows) error {
		var day int64
		var d resonanz.DayCount
		if err := rows.Scan(&day, &d.Count); err != nil {
			return err
		}
		d.Day = fromMillis(day)
		days = append(days, d)
		return nil
	}, args...)
	if err != nil {
		return nil, fmt.Errorf("store: open work days: %w", err)
	}
	return days, nil
}

// OldestOpenWork returns when the oldest open conversation of the filter
// created at or after since was created (zero: none); since is the oldest
// day with open work, so the walk of the age index stops within a day.
func (db *DB) OldestOpenWork(ctx context.Context, f resonanz.ReportFilter, since time.Time) (time.Time, error) {
	where, args := db.reportConditions(f, false)
	where = append([]string{"c.open_work = 1", "c.created_at >= ?"}, where...)
	var oldest int64
	err := db.read.QueryRowContext(ctx, `SELECT c.created_at FROM conversations c`+db.engine.indexedBy("conversations_open_age")+`
		WHERE `+strings.Join(where, " AND ")+` ORDER BY c.created_at LIMIT 1`, append([]any{millis(since)}, args...)...).Scan(&oldest)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, fmt.Errorf("store: oldest open work: %w", err)
	}
	return fromMillis(oldest), nil
}
