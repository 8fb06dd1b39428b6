-- Notices sent outside the app (e-mail; later Web Push): one row per channel, user and
-- notice, written once whatever number of servers collect the notices (the key), sent by
-- the server holding its lease, retried with a growing pause, given up after a few tries.
CREATE TABLE deliveries (
    channel TEXT NOT NULL,
    username TEXT NOT NULL REFERENCES users (username),
    notice_id TEXT NOT NULL,
    address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    lease_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT,
    PRIMARY KEY (channel, username, notice_id)
);
CREATE INDEX deliveries_waiting ON deliveries (channel, sent_at, failed_at);

-- How far each channel has collected notices (milliseconds of server time).
CREATE TABLE delivery_cursors (
    channel TEXT PRIMARY KEY,
    collected_to BIGINT NOT NULL
);

-- The kinds of notice a user does not want by a channel (none by default).
CREATE TABLE notice_opt_outs (
    username TEXT NOT NULL REFERENCES users (username),
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (username, channel, kind)
);

-- The reviews among the mutations, by time: what the collector reads (a partial index,
-- so that the sync's writes of field values do not maintain it).
CREATE INDEX mutations_reviews ON mutations (server_time) WHERE kind IN ('return', 'accept');
CREATE INDEX reminders_sent ON reminders (sent_at);
