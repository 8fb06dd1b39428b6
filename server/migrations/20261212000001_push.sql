-- Keys the server makes once and keeps: the VAPID key pair its push messages are signed
-- with (a device subscribed with the public key accepts only messages signed by it).
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The devices where a user turned push notices on: the push service's endpoint and the
-- keys messages to it are encrypted to (RFC 8291). An endpoint belongs to one device;
-- a device signed in as another user moves it there.
CREATE TABLE push_subscriptions (
    endpoint TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (username);
