-- Uploads under way, one per file (named by the SHA-256 its content must have): the length
-- announced, the type read from the first chunk, and when a chunk last arrived
-- (milliseconds since the epoch), so that one abandoned for days can be removed.
CREATE TABLE uploads (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    file_type TEXT NOT NULL,
    touched_at BIGINT NOT NULL
);

-- With PostgreSQL, the content of files and uploads, in chunks from byte `start` on: kept
-- in the database so that several server processes share it. (With SQLite the content is
-- a folder beside the database, and this table stays empty.)
CREATE TABLE file_chunks (
    sha256 TEXT NOT NULL,
    start BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (sha256, start)
);
