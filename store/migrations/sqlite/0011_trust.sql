-- API tokens carry scopes, may expire, note when they were last used, and
-- are revoked rather than deleted, so that the list shows what existed.
-- Tokens issued before could only deliver messages: they keep that scope.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest'; -- comma-separated
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;

-- Topics are stored as JSON arrays, so that the inbox matches a topic's
-- name exactly (json_each) instead of with LIKE, where "_" is a wildcard.
-- Comma-separated lists are split and turned into arrays; no topics stay ''.
-- This takes about 5 s per million rows, once.
UPDATE messages SET topics = (WITH RECURSIVE split(name, rest) AS (SELECT '', topics || ','
		UNION ALL SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '')
	SELECT json_group_array(name) FROM split WHERE name <> '')
	WHERE topics <> '';
UPDATE conversations SET topics = (WITH RECURSIVE split(name, rest) AS (SELECT '', topics || ','
		UNION ALL SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> '')
	SELECT json_group_array(name) FROM split WHERE name <> '')
	WHERE topics <> '';
