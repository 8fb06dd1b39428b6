-- A report's mutations are numbered within the report (their place in its history), from a
-- counter kept on the report's row, which the writing transaction holds locked anyway.
-- Recording them then needs no number from the global change clock, whose lock is held
-- only for the report rows and the commit (see docs/sync.md, "Several servers").
ALTER TABLE mutations RENAME COLUMN seq TO position;
ALTER TABLE reports ADD COLUMN positions BIGINT NOT NULL DEFAULT 0;
-- The numbers given so far grew with the clock: each report's history goes on after them.
UPDATE reports SET positions = COALESCE(
    (SELECT MAX(position) FROM mutations WHERE mutations.report_id = reports.id), 0);
