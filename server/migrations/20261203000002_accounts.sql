-- Accounts can be closed, and a reset password must be changed at the next sign-in. What
-- administrators do is kept in a log of its own.
ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;

CREATE TABLE admin_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    -- The administrator.
    username TEXT NOT NULL,
    -- `deactivate`, `activate`, `reset_password`, …
    action TEXT NOT NULL,
    -- What it was done to (an account's username, a unit's code, a file's name).
    target TEXT NOT NULL,
    -- The unit the target belongs to: an administrator reads the entries of their scope.
    unit_code TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT
);
CREATE INDEX admin_log_at ON admin_log (at);
