-- A session also ends after a time without requests: when it was last used. Sessions
-- opened before count as used at their login (their expiry was the login plus 30 days).
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = expires_at - 2592000000;
CREATE INDEX sessions_username ON sessions (username);
