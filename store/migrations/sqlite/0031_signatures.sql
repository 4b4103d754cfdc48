-- Signatures of agents and of teams, one per language.
CREATE TABLE signatures (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
	team_id    INTEGER REFERENCES teams (id) ON DELETE CASCADE,
	language   TEXT NOT NULL CHECK (language IN ('de', 'en')),
	text       TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX signatures_user ON signatures (user_id, language) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX signatures_team ON signatures (team_id, language) WHERE team_id IS NOT NULL;
