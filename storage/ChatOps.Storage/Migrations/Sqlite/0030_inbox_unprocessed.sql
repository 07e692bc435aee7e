-- On PostgreSQL this number adds a partial index of the unprocessed inbox rows, because its planner walked the primary
-- key with stale statistics. Here the claim already searches ix_inbox_pending (processed_at, id). Nothing to change.
SELECT 1;
