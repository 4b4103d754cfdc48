-- API tokens carry scopes, may expire, note when they were last used, and
-- are revoked rather than deleted, so that the list shows what existed.
-- Tokens issued before could only deliver messages: they keep that scope.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest'; -- comma-separated
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoked_at INTEGER;
