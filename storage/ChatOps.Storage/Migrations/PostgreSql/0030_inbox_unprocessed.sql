-- The engine claims unprocessed inbox rows in id order (EngineSql.ClaimInbox). With only ix_inbox_pending
-- (processed_at, id) and statistics taken while most rows were still unprocessed (autovacuum's analyze lags a busy
-- inbox), the planner walked the primary key and filtered out every processed row: under load 17 ms per claim with
-- 50,000 processed rows, and growing with the inbox. This index holds only the unprocessed rows, already in claim order.
CREATE INDEX ix_inbox_unprocessed ON inbox (id) WHERE processed_at IS NULL;
