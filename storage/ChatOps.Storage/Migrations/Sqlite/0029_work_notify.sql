-- Issue 17: on PostgreSQL this number adds the triggers that NOTIFY listening instances of new inbox and outbox rows.
-- This database has no LISTEN/NOTIFY: another process's work is found by the workers' idle poll. Nothing to change.
SELECT 1;
