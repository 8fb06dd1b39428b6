-- Evaluation criteria sets ("bộ tiêu chí chấm điểm, xếp loại"), one row per version, as
-- templates are: a stored version is never changed.
CREATE TABLE criteria_sets (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
