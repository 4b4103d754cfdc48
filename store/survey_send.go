package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// scheduleSurvey stamps when conversation id was solved and schedules the
// decision about its survey after the settings' delay, in the transaction
// of the solve.
func (db *DB) scheduleSurvey(ctx context.Context, tx *sql.Tx, id int64, at time.Time) error {
	now := millis(at)
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET solved_at = ? WHERE id = ?`, now, id); err != nil {
		return err
	}
	var delay int64
	if err := tx.QueryRowContext(ctx, `SELECT delay_s FROM survey_settings WHERE id = 1`).Scan(&delay); err != nil {
		return err
	}
	return db.queue(ctx, tx, resonanz.Job{Args: resonanz.SurveyJob{ConversationID: id, SolvedAt: now},
		At: at.Add(time.Duration(delay) * time.Second)})
}

// SendDueSurvey loads what the survey of conversation id for its solve at
// solvedAt is decided on, lets decide (the survey package's policy) say
// what becomes of it, and records that in one transaction: the decision,
// once; a skip with its reason or the consent decision in the audit trail;
// or the survey, its invitation queued. A survey going out is decided twice:
// once to insert it, and again with its signed link, for the invitation.
// It returns the survey sent, nil if none; resonanz.ErrNoSurveyLink while no link can be
// made, and then nothing is recorded.
func (db *DB) SendDueSurvey(ctx context.Context, id int64, solvedAt time.Time, decide func(resonanz.SurveyFacts) resonanz.SurveyOutcome) (*resonanz.Survey, error) {
	var sent *resonanz.Survey
	err := db.inTx(ctx, fmt.Sprintf("survey of conversation %d", id), func(tx *sql.Tx) error {
		f, err := loadSurveyFacts(ctx, tx, id, solvedAt, db.Now())
		if err != nil {
			return err
		}
		out := decide(f)
		if out.Stale {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET survey_for = ? WHERE id = ?`, millis(f.SolvedAt), id); err != nil {
			return err
		}
		sent, err = db.recordSurvey(ctx, tx, f, out, decide)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sent, nil
}

// loadSurveyFacts reads the conversation, its solve stamps, the settings,
// whether an account can reply, the person's last survey and what their
// wishes say of a survey.
func loadSurveyFacts(ctx context.Context, tx *sql.Tx, id int64, solvedAt, now time.Time) (resonanz.SurveyFacts, error) {
	f := resonanz.SurveyFacts{JobSolvedAt: fromMillis(millis(solvedAt)), Now: now}
	var err error
	if f.Conversation, err = findConversationByID(ctx, tx, id); err != nil {
		return f, err
	}
	err = tx.QueryRowContext(ctx, `SELECT solved_at, survey_for FROM conversations WHERE id = ?`, id).
		Scan((*timeColumn)(&f.SolvedAt), (*timeColumn)(&f.SurveyedFor))
	if err != nil {
		return f, err
	}
	err = tx.QueryRowContext(ctx, `SELECT max(sent_at) FROM surveys WHERE contact_id = ?`, f.Conversation.ContactID).Scan((*timeColumn)(&f.LastSurvey))
	if err != nil {
		return f, err
	}
	if f.Settings, err = surveySettings(ctx, tx); err != nil {
		return f, err
	}
	account, _, err := replyAccount(ctx, tx, id)
	if err != nil {
		return f, err
	}
	f.HasAccount = account != 0
	f.Consent, err = consentCheck(ctx, tx, f.Conversation, resonanz.OutboundSurvey, resonanz.PurposeSurvey, 0)
	return f, err
}

// recordSurvey records a decided survey: a skip or the consent decision in
// the trail, or the survey, whose invitation decide composes once it has
// its link. An invitation too long for the channel takes the survey back.
func (db *DB) recordSurvey(ctx context.Context, tx *sql.Tx, f resonanz.SurveyFacts, out resonanz.SurveyOutcome,
	decide func(resonanz.SurveyFacts) resonanz.SurveyOutcome) (*resonanz.Survey, error) {
	c, now := f.Conversation, millis(f.Now)
	switch {
	case out.Skip != "":
		return nil, auditSkip(ctx, tx, c.ID, out, now)
	case out.Blocked:
		return nil, logDecision(ctx, tx, c.ID, nil, resonanz.OutboundSurvey, f.Consent, 0, now)
	case out.Question == "":
		return nil, nil
	}
	s := &resonanz.Survey{ConversationID: c.ID, ContactID: c.ContactID, AgentID: c.OwnerID, AgentName: c.OwnerName, TeamID: c.TeamID,
		Channel: c.Channel, Question: out.Question, Language: out.Language, SentAt: fromMillis(now)}
	if err := tx.QueryRowContext(ctx, `INSERT INTO surveys (conversation_id, contact_id, agent_id, team_id, channel, question, language,
		solved_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, c.ContactID, nullID(c.OwnerID), nullID(c.TeamID),
		c.Channel, s.Question, s.Language, millis(f.SolvedAt), now).Scan(&s.ID); err != nil {
		return nil, err
	}
	if db.Links != nil {
		f.Link = db.Links.SurveyLink(s.ID, s.Language)
	}
	if f.Link == "" {
		return nil, resonanz.ErrNoSurveyLink
	}
	if out = decide(f); out.Skip != "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM surveys WHERE id = ?`, s.ID); err != nil {
			return nil, err
		}
		return nil, auditSkip(ctx, tx, c.ID, out, now)
	}
	item, err := db.queueOutbound(ctx, tx, c, outbound{kind: resonanz.OutboundSurvey, decision: f.Consent, text: out.Text, visibility: resonanz.Private}, f.Now)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE surveys SET message_id = ? WHERE id = ?`, item.MessageID, s.ID); err != nil {
		return nil, err
	}
	params := resonanz.Params{"question": s.Question, "outbox": strconv.FormatInt(item.ID, 10)}
	return s, audit(ctx, tx, c.ID, nil, resonanz.AuditSurveySent, params, now)
}

// auditSkip notes in the conversation's trail why it got no survey.
func auditSkip(ctx context.Context, tx *sql.Tx, id int64, out resonanz.SurveyOutcome, now int64) error {
	p := resonanz.Params{"reason": out.Skip}
	for k, v := range out.SkipParams {
		p[k] = v
	}
	return audit(ctx, tx, id, nil, resonanz.AuditSurveySkipped, p, now)
}
