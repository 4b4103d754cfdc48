package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// surveySettings reads the leads' settings and choices.
func surveySettings(ctx context.Context, q queryer) (*resonanz.SurveySettings, error) {
	s := &resonanz.SurveySettings{}
	var delay int64
	var invite, footer string
	err := q.QueryRowContext(ctx, `SELECT delay_s, every_days, ask_unknown, invite, footer, footer_text FROM survey_settings WHERE id = 1`).
		Scan(&delay, &s.Every, &s.AskUnknown, &invite, &s.Footer, &footer)
	if err != nil {
		return nil, fmt.Errorf("store: survey settings: %w", err)
	}
	s.Delay = time.Duration(delay) * time.Second
	if s.Invite, err = decodeTexts(invite); err != nil {
		return nil, err
	}
	if s.FooterText, err = decodeTexts(footer); err != nil {
		return nil, err
	}
	s.Choices, err = collect(ctx, q, `SELECT sc.id, coalesce(sc.team_id, 0), coalesce(t.name, ''), sc.channel, sc.question
		FROM survey_choices sc LEFT JOIN teams t ON t.id = sc.team_id ORDER BY t.name IS NOT NULL, t.name, sc.channel`, nil,
		func(row interface{ Scan(...any) error }) (*resonanz.SurveyChoice, error) {
			var c resonanz.SurveyChoice
			return &c, row.Scan(&c.ID, &c.TeamID, &c.TeamName, &c.Channel, &c.Question)
		})
	if err != nil {
		return nil, fmt.Errorf("store: survey choices: %w", err)
	}
	return s, nil
}

// decodeTexts reads texts by language, stored as a JSON object.
func decodeTexts(raw string) (map[string]string, error) {
	texts := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &texts); err != nil {
		return nil, fmt.Errorf("store: texts by language: %w", err)
	}
	return texts, nil
}

// SurveySettings returns the leads' settings of the surveys.
func (db *DB) SurveySettings(ctx context.Context) (*resonanz.SurveySettings, error) {
	return surveySettings(ctx, db.read)
}

func mayLead(by *resonanz.User) error {
	if by.Role != resonanz.RoleAdmin && by.Role != resonanz.RoleLead {
		return resonanz.Errorf(resonanz.EFORBIDDEN, "Only leads and admins may change the surveys.").Keyed("survey.forbidden")
	}
	return nil
}

// SaveSurveySettings changes the settings, the choices aside; only leads and admins may.
func (db *DB) SaveSurveySettings(ctx context.Context, s *resonanz.SurveySettings, by *resonanz.User) error {
	if err := mayLead(by); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	invite, _ := json.Marshal(s.Invite)
	footer, _ := json.Marshal(s.FooterText)
	_, err := db.write.ExecContext(ctx, `UPDATE survey_settings SET delay_s = ?, every_days = ?, ask_unknown = ?, invite = ?, footer = ?,
		footer_text = ?, updated_by = ?, updated_at = ? WHERE id = 1`, int64(s.Delay/time.Second), s.Every, s.AskUnknown, string(invite), s.Footer,
		string(footer), by.ID, millis(db.Now()))
	if err != nil {
		return fmt.Errorf("store: save survey settings: %w", err)
	}
	return nil
}

// SaveSurveyChoice sets the question of a team and channel, replacing one
// for the same team and channel.
func (db *DB) SaveSurveyChoice(ctx context.Context, c *resonanz.SurveyChoice, by *resonanz.User) error {
	if err := mayLead(by); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "save survey choice", func(tx *sql.Tx) error {
		if _, err := lookupName(ctx, tx, "teams", c.TeamID, "team"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM survey_choices WHERE coalesce(team_id, 0) = ? AND channel = ?`, c.TeamID, c.Channel); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO survey_choices (team_id, channel, question) VALUES (?, ?, ?) RETURNING id`,
			nullID(c.TeamID), c.Channel, c.Question).Scan(&c.ID)
	})
}

// DeleteSurveyChoice removes a choice; the next less specific one holds.
func (db *DB) DeleteSurveyChoice(ctx context.Context, id int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM survey_choices WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: delete survey choice: %w", err)
	}
	return nil
}

const surveyColumns = `s.id, coalesce(s.conversation_id, 0), s.contact_id, coalesce(s.agent_id, 0), coalesce(u.name, ''), coalesce(s.team_id, 0),
	s.channel, s.question, s.language, s.sent_at, s.score IS NOT NULL, coalesce(s.score, 0), s.comment, s.answered_at
	FROM surveys s LEFT JOIN users u ON u.id = s.agent_id`

func scanSurvey(row interface{ Scan(...any) error }) (*resonanz.Survey, error) {
	var s resonanz.Survey
	err := row.Scan(&s.ID, &s.ConversationID, &s.ContactID, &s.AgentID, &s.AgentName, &s.TeamID, &s.Channel, &s.Question, &s.Language,
		(*timeColumn)(&s.SentAt), &s.Answered, &s.Score, &s.Comment, (*timeColumn)(&s.AnsweredAt))
	return &s, err
}

func findSurvey(ctx context.Context, q queryer, id int64) (*resonanz.Survey, error) {
	s, err := scanSurvey(q.QueryRowContext(ctx, `SELECT `+surveyColumns+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Survey %d not found.", id).Keyed("survey.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: survey %d: %w", id, err)
	}
	return s, nil
}

// FindSurvey returns one survey, or ENOTFOUND.
func (db *DB) FindSurvey(ctx context.Context, id int64) (*resonanz.Survey, error) {
	return findSurvey(ctx, db.read, id)
}

// ConversationSurveys lists the surveys of a conversation, newest first.
func (db *DB) ConversationSurveys(ctx context.Context, conversationID int64) ([]*resonanz.Survey, error) {
	list, err := collect(ctx, db.read, `SELECT `+surveyColumns+` WHERE s.conversation_id = ? ORDER BY s.id DESC`, []any{conversationID}, scanSurvey)
	if err != nil {
		return nil, fmt.Errorf("store: surveys of conversation %d: %w", conversationID, err)
	}
	return list, nil
}

// AnswerSurvey records the customer's answer to survey id, in the trail of
// its conversation; a low score notifies the leads of the conversation's
// team (every lead and admin when it has none), praise (a high score with
// a comment) the agent. A survey keeps its first answer.
func (db *DB) AnswerSurvey(ctx context.Context, id int64, score int, comment string) (*resonanz.Survey, error) {
	var s *resonanz.Survey
	err := db.inTx(ctx, fmt.Sprintf("answer survey %d", id), func(tx *sql.Tx) error {
		var err error
		if s, err = findSurvey(ctx, tx, id); err != nil {
			return err
		}
		if s.Answered {
			return resonanz.Errorf(resonanz.ECONFLICT, "This survey was answered already.").Keyed("survey.answered")
		}
		if s.ConversationID == 0 { // its conversation was deleted (retention): nothing to attach an answer to
			return resonanz.Errorf(resonanz.ENOTFOUND, "Survey %d not found.", id).Keyed("survey.notfound")
		}
		if comment, err = s.CheckAnswer(score, comment); err != nil {
			return err
		}
		now := db.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE surveys SET score = ?, comment = ?, answered_at = ? WHERE id = ?`, score, comment, millis(now), id); err != nil {
			return err
		}
		s.Answered, s.Score, s.Comment, s.AnsweredAt = true, score, comment, fromMillis(millis(now))
		params := resonanz.Params{"question": s.Question, "score": strconv.Itoa(score), "comment": summary(comment, 200)}
		if err := audit(ctx, tx, s.ConversationID, nil, resonanz.AuditSurveyAnswered, params, millis(now)); err != nil {
			return err
		}
		return passOnAnswer(ctx, tx, s, params, now)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// passOnAnswer tells the leads of a low score and the agent of praise.
func passOnAnswer(ctx context.Context, tx *sql.Tx, s *resonanz.Survey, params resonanz.Params, now time.Time) error {
	var to []int64
	kind := resonanz.NotifySurveyLow
	switch {
	case s.Low():
		leads, err := teamLeads(ctx, tx, s.TeamID)
		if err != nil {
			return err
		}
		to = leads
	case s.Praises() && s.AgentID != 0:
		to, kind = []int64{s.AgentID}, resonanz.NotifySurveyPraise
	default:
		return nil
	}
	c, err := findConversationByID(ctx, tx, s.ConversationID)
	if err != nil {
		return err
	}
	params["customer"], params["agent"] = c.CustomerName, s.AgentName
	for _, user := range to {
		if err := notify(ctx, tx, &resonanz.Notification{UserID: user, Kind: kind, Params: params,
			ConversationID: s.ConversationID, CreatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

// SurveyResults sums up the surveys sent since, per agent and question.
func (db *DB) SurveyResults(ctx context.Context, since time.Time) ([]*resonanz.SurveyResult, error) {
	list, err := collect(ctx, db.read, `SELECT coalesce(s.agent_id, 0), coalesce(u.name, ''), s.question, count(*), count(s.score),
			coalesce(avg(s.score), 0),
			count(CASE WHEN (s.question = 'csat' AND s.score <= 2) OR (s.question = 'nps' AND s.score <= 6) THEN 1 END),
			count(CASE WHEN s.question = 'nps' AND s.score >= 9 THEN 1 END),
			count(CASE WHEN s.question = 'nps' AND s.score <= 6 THEN 1 END)
		FROM surveys s LEFT JOIN users u ON u.id = s.agent_id WHERE s.sent_at >= ?
		GROUP BY s.agent_id, u.name, s.question ORDER BY u.name IS NULL, u.name, s.question`, []any{millis(since)},
		func(row interface{ Scan(...any) error }) (*resonanz.SurveyResult, error) {
			var r resonanz.SurveyResult
			return &r, row.Scan(&r.AgentID, &r.AgentName, &r.Question, &r.Sent, &r.Answered, &r.Average, &r.Low, &r.Promoters, &r.Detractors)
		})
	if err != nil {
		return nil, fmt.Errorf("store: survey results: %w", err)
	}
	return list, nil
}
