-- A plan's reports counted by period and standing for a reviewer's home page: one range
-- of this index for a whole country instead of a probe per unit and period.
CREATE INDEX reports_standing ON reports (plan_id, period_code, status, on_time);
