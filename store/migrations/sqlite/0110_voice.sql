-- The voice of the customer: praise passed on to the people and teams it
-- names, and improvement suggestions gathered on a board. Both point at the
-- customers' messages, so erasing a message takes its praise and its place
-- on the board with it.
CREATE TABLE praise (
	id         INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
	team_id    INTEGER REFERENCES teams (id) ON DELETE SET NULL, -- whose wall shows it
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL, -- the person named; NULL: the team
	marked_by  INTEGER REFERENCES users (id) ON DELETE SET NULL, -- NULL: the analysis found it
	created_at INTEGER NOT NULL
);
CREATE INDEX praise_team ON praise (team_id, message_id);

CREATE TABLE suggestions (
	id         INTEGER PRIMARY KEY,
	topic      TEXT NOT NULL, -- the first topic of its first message; '' none
	status     TEXT NOT NULL CHECK (status IN ('new', 'planned', 'done', 'declined')),
	similar_to INTEGER REFERENCES suggestions (id) ON DELETE SET NULL, -- an entry sharing terms, when it came in
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE suggestion_messages (
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	message_id    INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
	PRIMARY KEY (suggestion_id, message_id)
);

-- What leads did with an entry (status, merge, notice), as kind and params.
CREATE TABLE suggestion_events (
	id            INTEGER PRIMARY KEY,
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
	kind          TEXT NOT NULL,
	params        TEXT NOT NULL,
	created_at    INTEGER NOT NULL
);
CREATE INDEX suggestion_events_suggestion ON suggestion_events (suggestion_id, id);

-- The one notice per done entry to the customers who asked.
CREATE TABLE suggestion_notices (
	suggestion_id INTEGER PRIMARY KEY REFERENCES suggestions (id) ON DELETE CASCADE,
	user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
	sent          INTEGER NOT NULL,
	skipped       INTEGER NOT NULL,
	created_at    INTEGER NOT NULL
);

-- The newest message the praise and suggestion collector has looked at.
CREATE TABLE voice_cursor (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	message_id INTEGER NOT NULL
);
INSERT INTO voice_cursor (id, message_id) VALUES (1, 0);
