-- Failed sign-ins, counted for throttling in the database so that every server process on
-- one database counts the same attempts. `key` is `account:<lowercase username>` or
-- `address:<ip>`; `at` is milliseconds since the epoch.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
