-- The files on reports, named by the SHA-256 of their content: one row however many
-- reports attach the file. A row exists once the whole content is stored and its type was
-- read from it (`file_type`: pdf, jpeg, png, webp, docx, xlsx, odt); `stored_at` is
-- milliseconds since the epoch.
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    file_type TEXT NOT NULL,
    stored_at BIGINT NOT NULL
);
