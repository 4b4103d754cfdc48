-- Promises made to customers, and goodwill (Kulanz) with its limits. Times in Unix ms, money in euro cents.
CREATE TABLE promises (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	text            TEXT NOT NULL,
	due_at          INTEGER NOT NULL,
	owner_id        INTEGER NOT NULL REFERENCES users (id),
	created_by      INTEGER NOT NULL REFERENCES users (id),
	state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'kept', 'broken')),
	reason          TEXT NOT NULL DEFAULT '', -- why it was broken
	reminded_at     INTEGER,                  -- the owner was reminded once
	escalated_at    INTEGER,                  -- the owner and the leads were told it is overdue
	closed_at       INTEGER,
	created_at      INTEGER NOT NULL
);
CREATE INDEX promises_open ON promises (due_at, id) WHERE state = 'open';
CREATE INDEX promises_conversation ON promises (conversation_id, due_at);
CREATE INDEX promises_owner ON promises (owner_id, due_at) WHERE state = 'open';

CREATE TABLE promise_handovers (
	id         INTEGER PRIMARY KEY,
	promise_id INTEGER NOT NULL REFERENCES promises (id),
	from_user  INTEGER NOT NULL REFERENCES users (id),
	to_user    INTEGER NOT NULL REFERENCES users (id),
	by_user    INTEGER NOT NULL REFERENCES users (id),
	note       TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX promise_handovers_promise ON promise_handovers (promise_id);

CREATE TABLE goodwill_policies (
	kind           TEXT PRIMARY KEY CHECK (kind IN ('voucher', 'refund', 'free_shipping', 'replacement')),
	agent_limit    INTEGER NOT NULL,
	lead_limit     INTEGER NOT NULL,
	customer_total INTEGER NOT NULL, -- per customer within period_days; 0: no cap
	period_days    INTEGER NOT NULL,
	updated_by     INTEGER REFERENCES users (id),
	updated_at     INTEGER NOT NULL DEFAULT 0
);
-- Cautious defaults until a lead sets the company's own.
INSERT INTO goodwill_policies (kind, agent_limit, lead_limit, customer_total, period_days) VALUES
	('voucher', 2000, 10000, 10000, 90),
	('refund', 1000, 5000, 10000, 90),
	('free_shipping', 1000, 3000, 3000, 90),
	('replacement', 5000, 20000, 20000, 90);

CREATE TABLE goodwill_grants (
	id              INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id),
	contact_id      INTEGER NOT NULL REFERENCES contacts (id),
	kind            TEXT NOT NULL,
	amount          INTEGER NOT NULL CHECK (amount > 0),
	reason          TEXT NOT NULL,
	state           TEXT NOT NULL CHECK (state IN ('granted', 'pending', 'rejected')),
	requested_by    INTEGER NOT NULL REFERENCES users (id),
	decided_by      INTEGER REFERENCES users (id),
	decision_note   TEXT NOT NULL DEFAULT '',
	decided_at      INTEGER,
	granted_at      INTEGER,
	created_at      INTEGER NOT NULL
);
CREATE INDEX goodwill_grants_customer ON goodwill_grants (contact_id, kind, granted_at) WHERE state = 'granted';
CREATE INDEX goodwill_grants_granted ON goodwill_grants (granted_at) WHERE state = 'granted';
CREATE INDEX goodwill_grants_pending ON goodwill_grants (created_at) WHERE state = 'pending';
CREATE INDEX goodwill_grants_conversation ON goodwill_grants (conversation_id);
