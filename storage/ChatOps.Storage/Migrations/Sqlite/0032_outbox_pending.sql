-- The dispatcher claims due messages in id order (EngineSql.ClaimOutbox). ix_outbox_due (status, next_attempt_at, id)
-- finds the due ones but not in id order, so every claim sorted all of them to take the first few: with a backlog (a
-- round of prompts, a circular to thousands) each claim read the whole backlog. This index holds only the pending
-- messages, in id order; the claim walks it and stops at its limit.
CREATE INDEX ix_outbox_pending ON outbox (id) WHERE status = 'Pending';
