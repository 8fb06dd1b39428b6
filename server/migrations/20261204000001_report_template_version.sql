-- A report keeps the template version it was started on: a new version changes neither a
-- report already submitted nor a draft unless its writer moves it. Reports so far were
-- written on their plan's version. A row without one (written by hand, not by a sync)
-- follows its plan's.
ALTER TABLE reports ADD COLUMN template_version BIGINT;
UPDATE reports SET template_version = (SELECT template_version FROM plans WHERE plans.id = reports.plan_id);
