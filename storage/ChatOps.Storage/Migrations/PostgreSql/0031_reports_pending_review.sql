-- The reports waiting for a leader's review (EngineSql.SelectPendingReview, asked whenever a reviewer opens their
-- list) were found by reading every report ever filed: a unit files about 52 a year. This index holds only the
-- reports waiting, in the order the list shows them.
CREATE INDEX ix_reports_pending_review ON reports (submitted_at, id) WHERE status = 'PendingReview';
