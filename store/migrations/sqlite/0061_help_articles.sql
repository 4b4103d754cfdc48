-- The help center: articles in German and English that anyone may read,
-- searched with the stems the inbox uses, and counted as helpful or not.
CREATE TABLE help_articles (
	id         INTEGER PRIMARY KEY,
	language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
	category   TEXT NOT NULL,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL, -- Markdown, rendered by the markdown package
	published  INTEGER NOT NULL DEFAULT 0,
	alert_id   INTEGER REFERENCES alerts (id) ON DELETE SET NULL, -- the crisis whose statement it publishes
	helpful    INTEGER NOT NULL DEFAULT 0,
	unhelpful  INTEGER NOT NULL DEFAULT 0,
	updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX help_articles_public ON help_articles (language, published, category, title);

CREATE VIRTUAL TABLE help_article_terms USING fts5 (
	terms, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 0'
);
