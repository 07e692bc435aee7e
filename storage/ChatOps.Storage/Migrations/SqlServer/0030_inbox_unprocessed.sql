-- On PostgreSQL this number adds a partial index of the unprocessed inbox rows, because its planner walked the primary
-- key with stale statistics. SQL Server seeks ix_inbox_pending (processed_at, id) for IS NULL; no SQL Server runs where
-- this was written, so its plan under load is unmeasured and nothing changes here.
SELECT 1;
