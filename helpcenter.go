package resonanz

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a help-center article.
const (
	MaxArticleTitleLen    = 200
	MaxArticleCategoryLen = 80
	MaxArticleBodyLen     = 50000
)

// Article is a help-center page that customers read without logging in.
type Article struct {
	ID        int64
	Language  string // LangGerman or LangEnglish
	Category  string
	Title     string
	Body      string // Markdown: paragraphs, headings, emphasis, lists, links, code
	Published bool   // drafts are seen by staff only
	AlertID   int64  // the alert whose public statement this article carries; 0: none
	Helpful   int    // readers who said it helped
	Unhelpful int
	UpdatedBy string
	UpdatedAt time.Time
}

// Validate trims the article and reports the first problem with it.
func (a *Article) Validate() error {
	a.Title, a.Category, a.Body = strings.TrimSpace(a.Title), strings.TrimSpace(a.Category), strings.TrimSpace(a.Body)
	for _, f := range [][2]string{{"title", a.Title}, {"category", a.Category}, {"body", a.Body}} {
		if !utf8.ValidString(f[1]) || strings.ContainsRune(f[1], 0) {
			return FieldError(f[0], "The text is not valid.").Keyed("article.invalid")
		}
	}
	switch {
	case a.Language != LangGerman && a.Language != LangEnglish:
		return FieldError("language", "An article is in German or English.").Keyed("article.language")
	case a.Title == "":
		return FieldError("title", "An article needs a title.").Keyed("article.title.missing")
	case utf8.RuneCountInString(a.Title) > MaxArticleTitleLen:
		return FieldError("title", "The title is too long (at most %d characters).", MaxArticleTitleLen).Keyed("article.title.long")
	case a.Category == "":
		return FieldError("category", "Put the article in a category.").Keyed("article.category.missing")
	case utf8.RuneCountInString(a.Category) > MaxArticleCategoryLen:
		return FieldError("category", "The category is too long (at most %d characters).", MaxArticleCategoryLen).Keyed("article.category.long")
	case a.Body == "":
		return FieldError("body", "An article needs a text.").Keyed("article.body.missing")
	case utf8.RuneCountInString(a.Body) > MaxArticleBodyLen:
		return FieldError("body", "The text is too long (at most %d characters).", MaxArticleBodyLen).Keyed("article.body.long")
	}
	return nil
}

// ArticleFilter chooses articles.
type ArticleFilter struct {
	Language      string // "": both
	PublishedOnly bool
	Query         string // words every article found contains, stemmed as in the inbox search
}

// HelpCenterService keeps the help center's articles.
type HelpCenterService interface {
	// FindArticles lists articles by category and title, or by relevance for a query.
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// FindArticle returns one article; ENOTFOUND if there is none.
	FindArticle(ctx context.Context, id int64) (*Article, error)
	// SaveArticle creates (ID 0) or changes an article.
	SaveArticle(ctx context.Context, a *Article, by *User) error
	// CountArticleVote counts a reader's answer to "Did this help?" on a published article.
	CountArticleVote(ctx context.Context, id int64, helpful bool) error
	// PublishStatement publishes an alert's public statement as the text of
	// a (titled, categorised) in a's language, replacing the article made
	// from it in that language before; a gets the article's id.
	PublishStatement(ctx context.Context, alertID int64, a *Article, by *User) error
}
