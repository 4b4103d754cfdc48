package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/resonanz/resonanz"
)

const signatureColumns = `coalesce(user_id, 0), coalesce(team_id, 0), language, text, updated_at FROM signatures`

func scanSignature(row interface{ Scan(...any) error }) (*resonanz.Signature, error) {
	var s resonanz.Signature
	var at int64
	err := row.Scan(&s.UserID, &s.TeamID, &s.Language, &s.Text, &at)
	s.UpdatedAt = fromMillis(at)
	return &s, err
}

// UserSignatures returns an agent's signatures by language.
func (db *DB) UserSignatures(ctx context.Context, userID int64) ([]*resonanz.Signature, error) {
	list, err := collect(ctx, db.read, `SELECT `+signatureColumns+` WHERE user_id = ? ORDER BY language`, []any{userID}, scanSignature)
	if err != nil {
		return nil, fmt.Errorf("store: user signatures: %w", err)
	}
	return list, nil
}

// TeamSignatures returns every team's signatures.
func (db *DB) TeamSignatures(ctx context.Context) ([]*resonanz.Signature, error) {
	list, err := collect(ctx, db.read, `SELECT `+signatureColumns+` WHERE team_id IS NOT NULL ORDER BY team_id, language`, nil, scanSignature)
	if err != nil {
		return nil, fmt.Errorf("store: team signatures: %w", err)
	}
	return list, nil
}

// SaveSignature sets an agent's or a team's signature in one language; an
// empty text removes it.
func (db *DB) SaveSignature(ctx context.Context, s *resonanz.Signature) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "save signature", func(tx *sql.Tx) error {
		if _, err := lookupName(ctx, tx, "teams", s.TeamID, "team"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM signatures WHERE user_id IS NOT DISTINCT FROM ? AND team_id IS NOT DISTINCT FROM ? AND language = ?`,
			nullID(s.UserID), nullID(s.TeamID), s.Language); err != nil {
			return err
		}
		if s.Text == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO signatures (user_id, team_id, language, text, updated_at) VALUES (?, ?, ?, ?, ?)`,
			nullID(s.UserID), nullID(s.TeamID), s.Language, s.Text, millis(db.Now()))
		return err
	})
}

// ReplySignature returns the agent's and then the team's signature in lang,
// one below the other; "" when neither has one.
func (db *DB) ReplySignature(ctx context.Context, userID, teamID int64, lang string) (string, error) {
	list, err := collect(ctx, db.read, `SELECT text FROM signatures WHERE language = ? AND (user_id = ? OR team_id = ?)
		ORDER BY user_id IS NULL`, []any{lang, userID, teamID}, func(row interface{ Scan(...any) error }) (string, error) {
		var text string
		return text, row.Scan(&text)
	})
	if err != nil {
		return "", fmt.Errorf("store: reply signature: %w", err)
	}
	return strings.Join(list, "\n"), nil
}
