-- Issue 17: the W3C trace context (traceparent) of the work that queued a message, so its send continues that trace on any instance.
ALTER TABLE outbox ADD trace_parent NVARCHAR(64) NULL;
