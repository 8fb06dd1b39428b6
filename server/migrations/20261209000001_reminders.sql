-- Reminders (đôn đốc) sent to a unit about a period's report. `rule` is how it was sent
-- (`manual`: by a reviewer); `day` is its day in Asia/Ho_Chi_Minh (yyyy-mm-dd). The key
-- makes a unit reminded at most once a day by hand, whatever is clicked.
CREATE TABLE reminders (
    plan_id TEXT NOT NULL,
    period_code TEXT NOT NULL,
    unit_code TEXT NOT NULL REFERENCES org_units (code),
    rule TEXT NOT NULL,
    day TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (plan_id, period_code, unit_code, rule, day)
);
CREATE INDEX reminders_unit ON reminders (unit_code, sent_at);

-- The notices a user has read, by the notice's id (a reminder's or a workflow step's).
CREATE TABLE notice_reads (
    username TEXT NOT NULL REFERENCES users (username),
    notice_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (username, notice_id)
);
