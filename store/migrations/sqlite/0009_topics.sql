-- Topics a company adds to the built-in ones.
CREATE TABLE topics (
	name        TEXT PRIMARY KEY,
	description TEXT NOT NULL DEFAULT '',
	seed_terms  TEXT NOT NULL -- comma-separated
);
