-- Sync: every mutation received, the versions of each report slot, and a clock that
-- numbers changes in commit order. Portable: the same file runs on SQLite and PostgreSQL.

-- Values now live as slot versions (a current one and any conflicts).
DROP TABLE report_values;

-- One row. Every sync transaction updates it first and so holds its lock until commit:
-- change numbers are handed out in commit order, and a pull cursor never skips a change,
-- even with several server processes on one PostgreSQL.
CREATE TABLE sync_clock (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO sync_clock (id, seq) VALUES (1, 0);

-- The change number of a report's last change: what a pull compares with its cursor.
ALTER TABLE reports ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX reports_seq ON reports (seq);
CREATE INDEX reports_unit ON reports (unit_code, seq);

-- Every mutation received, applied or not: what makes a push idempotent, and the audit
-- trail ("Lịch sử thay đổi"). Values are JSON text.
CREATE TABLE mutations (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    report_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    slot TEXT,
    old_value TEXT,
    new_value TEXT,
    comment TEXT,
    -- applied, conflict, superseded or rejected
    outcome TEXT NOT NULL,
    code TEXT,
    message TEXT,
    username TEXT NOT NULL,
    device_id TEXT NOT NULL,
    device_time BIGINT NOT NULL,
    server_time BIGINT NOT NULL
);
CREATE INDEX mutations_report ON mutations (report_id, seq);

-- Which versions each write replaced. A write that arrives after a write naming it is
-- already superseded.
CREATE TABLE write_bases (
    write_id TEXT NOT NULL,
    base_id TEXT NOT NULL,
    PRIMARY KEY (write_id, base_id)
);
CREATE INDEX write_bases_base ON write_bases (base_id);

-- The versions of each slot that no write has replaced: the current one and the
-- conflicts, in arrival order.
CREATE TABLE slot_versions (
    report_id TEXT NOT NULL REFERENCES reports (id),
    slot TEXT NOT NULL,
    write_id TEXT NOT NULL,
    value TEXT,
    is_current BIGINT NOT NULL,
    position BIGINT NOT NULL,
    username TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, slot, write_id)
);
