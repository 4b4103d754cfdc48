package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/resonanz/resonanz"
	"github.com/resonanz/resonanz/search"
)

// articleLimit bounds the articles one list shows.
const articleLimit = 500

const articleColumns = `a.id, a.language, a.category, a.title, a.body, a.published, coalesce(a.alert_id, 0), a.helpful, a.unhelpful,
	coalesce(u.name, ''), a.updated_at FROM help_articles a LEFT JOIN users u ON u.id = a.updated_by`

func scanArticle(row interface{ Scan(...any) error }) (*resonanz.Article, error) {
	var a resonanz.Article
	return &a, row.Scan(&a.ID, &a.Language, &a.Category, &a.Title, &a.Body, &a.Published, &a.AlertID, &a.Helpful, &a.Unhelpful,
		&a.UpdatedBy, (*timeColumn)(&a.UpdatedAt))
}

// FindArticles lists articles by category and title; with a query, those
// that contain every word, best matches first.
func (db *DB) FindArticles(ctx context.Context, f resonanz.ArticleFilter) ([]*resonanz.Article, error) {
	where, args := `1 = 1`, []any{}
	if f.Language != "" {
		where, args = where+` AND a.language = ?`, append(args, f.Language)
	}
	if f.PublishedOnly {
		where += ` AND a.published = 1`
	}
	query := `SELECT ` + articleColumns + ` WHERE ` + where + ` ORDER BY a.category, a.title, a.id LIMIT ?`
	if f.Query != "" {
		match, err := db.engine.searchArg(f.Query)
		if err != nil {
			return nil, err
		}
		query = `SELECT ` + articleColumns + ` JOIN (` + db.engine.rankedTerms("help_article_terms") + `) t
			ON t.rowid = a.id WHERE ` + where + ` ORDER BY t.rank, a.id LIMIT ?`
		args = append([]any{match}, args...)
	}
	list, err := collect(ctx, db.read, query, append(args, articleLimit), scanArticle)
	if err != nil {
		return nil, fmt.Errorf("store: find articles: %w", err)
	}
	return list, nil
}

// FindArticle returns one article, or ENOTFOUND.
func (db *DB) FindArticle(ctx context.Context, id int64) (*resonanz.Article, error) {
	a, err := scanArticle(db.read.QueryRowContext(ctx, `SELECT `+articleColumns+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, resonanz.Errorf(resonanz.ENOTFOUND, "Article %d not found.", id).Keyed("article.notfound")
	} else if err != nil {
		return nil, fmt.Errorf("store: find article: %w", err)
	}
	return a, nil
}

// SaveArticle creates an article (ID 0) or changes one, and indexes its
// title and text for the search.
func (db *DB) SaveArticle(ctx context.Context, a *resonanz.Article, by *resonanz.User) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, "save article", func(tx *sql.Tx) error { return saveArticle(ctx, tx, a, by, millis(db.Now())) })
}

func saveArticle(ctx context.Context, tx *sql.Tx, a *resonanz.Article, by *resonanz.User, now int64) error {
	var alert any
	if a.AlertID != 0 {
		alert = a.AlertID
	}
	if a.ID == 0 {
		if err := tx.QueryRowContext(ctx, `INSERT INTO help_articles (language, category, title, body, published, alert_id, updated_by, updated_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, a.Language, a.Category, a.Title, a.Body, a.Published, alert, by.ID, now, now).Scan(&a.ID); err != nil {
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE help_articles SET language = ?, category = ?, title = ?, body = ?, published = ?,
			updated_by = ?, updated_at = ? WHERE id = ?`, a.Language, a.Category, a.Title, a.Body, a.Published, by.ID, now, a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Article %d not found.", a.ID).Keyed("article.notfound")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM help_article_terms WHERE rowid = ?`, a.ID); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO help_article_terms (rowid, terms) VALUES (?, ?)`,
		a.ID, search.Terms(a.Title+" "+a.Category+" "+a.Body))
	return err
}

// CountArticleVote counts a reader's answer on a published article.
func (db *DB) CountArticleVote(ctx context.Context, id int64, helpful bool) error {
	column := "unhelpful"
	if helpful {
		column = "helpful"
	}
	return db.inTx(ctx, "count article vote", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE help_articles SET `+column+` = `+column+` + 1 WHERE id = ? AND published = 1`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return resonanz.Errorf(resonanz.ENOTFOUND, "Article %d not found.", id).Keyed("article.notfound")
		}
		return nil
	})
}

// PublishStatement publishes an alert's statement as an article in a's
// language, replacing the one made from it before.
func (db *DB) PublishStatement(ctx context.Context, alertID int64, a *resonanz.Article, by *resonanz.User) error {
	return db.inTx(ctx, "publish statement", func(tx *sql.Tx) error {
		alert, err := findAlertByID(ctx, tx, alertAlone, alertID)
		if err != nil {
			return err
		}
		if alert.Statement.Text == "" {
			return resonanz.Errorf(resonanz.EINVALID, "The alert has no statement to publish.").Keyed("article.statement.missing")
		}
		a.Body, a.AlertID, a.Published = alert.Statement.Text, alertID, true
		if u := alert.Statement.URL; u != "" {
			a.Body += "\n\n[" + u + "](" + u + ")"
		}
		err = tx.QueryRowContext(ctx, `SELECT id FROM help_articles WHERE alert_id = ? AND language = ?`, alertID, a.Language).Scan(&a.ID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := a.Validate(); err != nil {
			return err
		}
		return saveArticle(ctx, tx, a, by, millis(db.Now()))
	})
}
