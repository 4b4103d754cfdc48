package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/resonanz/resonanz"
)

// praiseSelect reads praise with its message, customer, team and people.
const praiseSelect = `SELECT p.message_id, m.conversation_id, coalesce(p.team_id, 0), coalesce(t.name, ''),
		coalesce(p.user_id, 0), coalesce(u.name, ''), coalesce(nullif(i.display_name, ''), i.handle, m.author_name),
		m.channel, m.text, coalesce(mb.name, ''), m.sent_at
	FROM praise p JOIN messages m ON m.id = p.message_id LEFT JOIN identities i ON i.id = m.identity_id
	LEFT JOIN teams t ON t.id = p.team_id LEFT JOIN users u ON u.id = p.user_id LEFT JOIN users mb ON mb.id = p.marked_by`

func scanPraise(row interface{ Scan(...any) error }) (*resonanz.Praise, error) {
	var p resonanz.Praise
	err := row.Scan(&p.MessageID, &p.ConversationID, &p.TeamID, &p.TeamName, &p.UserID, &p.UserName, &p.Customer,
		&p.Channel, &p.Text, &p.MarkedBy, (*timeColumn)(&p.At))
	return &p, err
}

// PraiseWall returns the praise of a team, newest first: the customers'
// messages and the comments of their surveys that praise.
func (db *DB) PraiseWall(ctx context.Context, teamID int64, limit int) ([]*resonanz.Praise, error) {
	list, err := collect(ctx, db.read, praiseSelect+` WHERE p.team_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`,
		[]any{teamID, limit}, scanPraise)
	if err != nil {
		return nil, fmt.Errorf("store: praise wall of team %d: %w", teamID, err)
	}
	surveys, err := collect(ctx, db.read, surveyPraiseSelect+` AND s.team_id = ? ORDER BY s.answered_at DESC, s.id DESC LIMIT ?`,
		[]any{resonanz.PraiseCSAT, resonanz.PraiseNPS, teamID, limit}, scanSurveyPraise)
	if err != nil {
		return nil, fmt.Errorf("store: survey praise of team %d: %w", teamID, err)
	}
	list = append(list, surveys...)
	slices.SortStableFunc(list, func(a, b *resonanz.Praise) int { return b.At.Compare(a.At) })
	return list[:min(len(list), limit)], nil
}

// surveyPraiseSelect reads the survey answers that praise: a comment with
// a score of at least ?1 (CSAT) or ?2 (NPS).
const surveyPraiseSelect = `SELECT s.id, coalesce(s.conversation_id, 0), coalesce(s.team_id, 0), coalesce(t.name, ''),
		coalesce(s.agent_id, 0), coalesce(u.name, ''), coalesce(nullif(i.display_name, ''), i.handle, ct.name, ''), s.channel, s.comment, s.answered_at,
		s.question, s.score
	FROM surveys s LEFT JOIN teams t ON t.id = s.team_id LEFT JOIN users u ON u.id = s.agent_id LEFT JOIN contacts ct ON ct.id = s.contact_id
		LEFT JOIN conversations c ON c.id = s.conversation_id LEFT JOIN identities i ON i.id = c.identity_id
	WHERE s.comment <> '' AND s.score IS NOT NULL AND ((s.question = 'csat' AND s.score >= ?) OR (s.question = 'nps' AND s.score >= ?))`

func scanSurveyPraise(row interface{ Scan(...any) error }) (*resonanz.Praise, error) {
	var p resonanz.Praise
	err := row.Scan(&p.SurveyID, &p.ConversationID, &p.TeamID, &p.TeamName, &p.UserID, &p.UserName, &p.Customer,
		&p.Channel, &p.Text, (*timeColumn)(&p.At), &p.SurveyQuestion, &p.SurveyScore)
	return &p, err
}

// ConversationPraise returns the praise among a conversation's messages.
func (db *DB) ConversationPraise(ctx context.Context, conversationID int64) ([]*resonanz.Praise, error) {
	list, err := collect(ctx, db.read, praiseSelect+` WHERE m.conversation_id = ? ORDER BY m.id`, []any{conversationID}, scanPraise)
	if err != nil {
		return nil, fmt.Errorf("store: praise in conversation %d: %w", conversationID, err)
	}
	return list, nil
}

// FindPraise returns the praise recorded for a message, or ENOTFOUND.
func (db *DB) FindPraise(ctx context.Context, messageID int64) (*resonanz.Praise, error) {
	return findPraise(ctx, db.read, messageID)
}

func findPraise(ctx context.Context, q queryer, messageID int64) (*resonanz.Praise, error) {
	p, err := scanPraise(q.QueryRowContext(ctx, praiseSelect+` WHERE p.message_id = ?`, messageID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Message %d is not marked as praise.", messageID).Keyed("praise.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: praise of message %d: %w", messageID, err)
	}
	return p, nil
}

// PraiseCandidates returns the enabled members of the conversation's team and its owner.
func (db *DB) PraiseCandidates(ctx context.Context, conversationID int64) ([]*resonanz.User, error) {
	return praiseCandidates(ctx, db.read, conversationID)
}

func praiseCandidates(ctx context.Context, q queryer, conversationID int64) ([]*resonanz.User, error) {
	users, err := collect(ctx, q, `SELECT `+userColumns+` WHERE disabled = 0 AND `+notAPIUser+` AND id IN (
			SELECT tm.user_id FROM conversations c JOIN team_members tm ON tm.team_id = c.team_id WHERE c.id = ?
			UNION SELECT owner_id FROM conversations WHERE id = ?) ORDER BY name, id`,
		[]any{conversationID, conversationID}, scanUser)
	if err != nil {
		return nil, fmt.Errorf("store: praise candidates of conversation %d: %w", conversationID, err)
	}
	return users, nil
}

// MarkPraise records a customer message as praise by hand for userID (0:
// the team), audits it and notifies whom it praises.
func (db *DB) MarkPraise(ctx context.Context, messageID, userID int64, by *resonanz.User) (*resonanz.Praise, error) {
	var p *resonanz.Praise
	err := db.inTx(ctx, "mark praise", func(tx *sql.Tx) error {
		m, err := praisedMessage(ctx, tx, messageID)
		if err != nil {
			return err
		}
		if userID == 0 && m.TeamID == 0 {
			return resonanz.FieldError("user", "The conversation has no team yet: name a person, or give it a team first.").Keyed("praise.noteam")
		}
		if userID != 0 {
			candidates, err := praiseCandidates(ctx, tx, m.ConversationID)
			if err != nil {
				return err
			}
			if !containsUser(candidates, userID) {
				return resonanz.FieldError("user", "Only a member of the conversation's team or its owner can be praised here.").Keyed("praise.user")
			}
		}
		m.UserID = userID
		now := millis(db.Now())
		if err := recordPraise(ctx, tx, m, by, now); err != nil {
			return err
		}
		kind, params := resonanz.AuditPraiseMarked, resonanz.Params{}
		if userID != 0 {
			name, err := lookupName(ctx, tx, "users", userID, "user")
			if err != nil {
				return err
			}
			kind, params = resonanz.AuditPraiseNamed, resonanz.Params{"user": name}
		}
		if err := audit(ctx, tx, m.ConversationID, by, kind, params, now); err != nil {
			return err
		}
		p, err = findPraise(ctx, tx, messageID)
		return err
	})
	return p, err
}

// UnmarkPraise takes a message off the praise wall and audits it.
func (db *DB) UnmarkPraise(ctx context.Context, messageID int64, by *resonanz.User) error {
	return db.inTx(ctx, "unmark praise", func(tx *sql.Tx) error {
		p, err := findPraise(ctx, tx, messageID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM praise WHERE message_id = ?`, messageID); err != nil {
			return err
		}
		return audit(ctx, tx, p.ConversationID, by, resonanz.AuditPraiseUnmark, resonanz.Params{}, millis(db.Now()))
	})
}

// praisedMessage returns a customer message as praise for its conversation's team.
func praisedMessage(ctx context.Context, q queryer, messageID int64) (*resonanz.Praise, error) {
	var p resonanz.Praise
	var direction string
	err := q.QueryRowContext(ctx, `SELECT m.id, m.conversation_id, coalesce(c.team_id, 0), m.direction,
			coalesce(nullif(i.display_name, ''), i.handle, m.author_name), m.channel, m.text, m.sent_at
		FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN identities i ON i.id = m.identity_id
		WHERE m.id = ?`, messageID).Scan(&p.MessageID, &p.ConversationID, &p.TeamID, &direction, &p.Customer, &p.Channel, &p.Text, (*timeColumn)(&p.At))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "No customer message %d.", messageID).Keyed("message.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: message %d: %w", messageID, err)
	}
	if direction != "in" {
		return nil, resonanz.Errorf(resonanz.EINVALID, "Only a customer's message can be praise.").Keyed("praise.outgoing")
	}
	return &p, nil
}

// recordPraise stores p (replacing earlier praise of its message) on its
// team's wall, or the wall of the named person's first team when the
// conversation has none, and notifies whom it praises.
func recordPraise(ctx context.Context, tx *sql.Tx, p *resonanz.Praise, by *resonanz.User, now int64) error {
	if p.TeamID == 0 && p.UserID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(team_id), 0) FROM team_members WHERE user_id = ?`, p.UserID).Scan(&p.TeamID); err != nil {
			return err
		}
	}
	var markedBy any
	if by != nil {
		markedBy = by.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO praise (message_id, team_id, user_id, marked_by, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (message_id) DO UPDATE SET team_id = excluded.team_id, user_id = excluded.user_id, marked_by = excluded.marked_by`,
		p.MessageID, nullID(p.TeamID), nullID(p.UserID), markedBy, now); err != nil {
		return err
	}
	members, err := collect(ctx, tx, `SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id`, []any{p.TeamID},
		func(r interface{ Scan(...any) error }) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil {
		return err
	}
	team, err := lookupName(ctx, tx, "teams", p.TeamID, "team")
	if err != nil {
		return err
	}
	kind := resonanz.NotifyPraiseTeam
	if p.UserID != 0 {
		kind = resonanz.NotifyPraiseNamed
	}
	params := resonanz.Params{"customer": p.Customer, "channel": p.Channel, "quote": resonanz.Quote(p.Text, resonanz.QuoteLen), "team": team}
	for _, id := range resonanz.PraiseRecipients(p, members) {
		if by != nil && id == by.ID {
			continue // who marks it has read it
		}
		n := &resonanz.Notification{UserID: id, Kind: kind, Params: params, ConversationID: p.ConversationID, CreatedAt: fromMillis(now)}
		if err := notify(ctx, tx, n); err != nil {
			return err
		}
	}
	return nil
}

func containsUser(users []*resonanz.User, id int64) bool {
	for _, u := range users {
		if u.ID == id {
			return true
		}
	}
	return false
}
