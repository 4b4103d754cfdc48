-- Canned replies (Textbausteine) for every team or one, in one language.
CREATE TABLE canned_replies (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL,
	text       TEXT NOT NULL,
	team_id    INTEGER REFERENCES teams (id) ON DELETE CASCADE,
	language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
	updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX canned_replies_team ON canned_replies (team_id);

-- The help-center link the placeholder {help} stands for: one row at most.
CREATE TABLE help_center (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	url        TEXT NOT NULL,
	updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	updated_at INTEGER NOT NULL
);
