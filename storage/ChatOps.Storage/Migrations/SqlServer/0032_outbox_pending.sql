-- On SQLite this number adds a partial index of the pending outbox rows in id order, so that the claim stops at its
-- limit instead of sorting every due message. This database's claim has its own text and plan (its tests check the
-- plan on PostgreSQL); nothing changes here.
SELECT 1;
