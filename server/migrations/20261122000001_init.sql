-- Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Times are milliseconds since the Unix epoch (UTC) in BIGINT columns.

CREATE TABLE org_units (
    code TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES org_units (code),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Position in Vietnamese collation, computed on import: SQL cannot collate Vietnamese
    -- the same way on both databases.
    sort_order BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX org_units_parent ON org_units (parent_code);

CREATE TABLE templates (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    year BIGINT NOT NULL,
    issuer TEXT NOT NULL REFERENCES org_units (code),
    title TEXT NOT NULL,
    template_id TEXT NOT NULL,
    template_version BIGINT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE periods (
    plan_id TEXT NOT NULL REFERENCES plans (id),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    due_before TEXT NOT NULL,
    PRIMARY KEY (plan_id, code)
);

-- A plan's tasks expanded against the tree: which unit reports on which task.
CREATE TABLE assignments (
    plan_id TEXT NOT NULL REFERENCES plans (id),
    unit_code TEXT NOT NULL REFERENCES org_units (code),
    task_code TEXT NOT NULL,
    PRIMARY KEY (plan_id, unit_code, task_code)
);
CREATE INDEX assignments_unit ON assignments (unit_code);

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES org_units (code),
    -- The subtree the user sees: their own unit for ward staff.
    scope_code TEXT NOT NULL REFERENCES org_units (code)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    expires_at BIGINT NOT NULL
);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    period_code TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES org_units (code),
    status TEXT NOT NULL,
    submitted_at BIGINT,
    device_submitted_at BIGINT,
    on_time BIGINT,
    return_comment TEXT,
    updated_at BIGINT NOT NULL,
    UNIQUE (plan_id, period_code, unit_code)
);

CREATE TABLE report_values (
    report_id TEXT NOT NULL REFERENCES reports (id),
    field_code TEXT NOT NULL,
    value TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, field_code)
);
