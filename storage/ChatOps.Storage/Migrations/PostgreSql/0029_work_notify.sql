-- Issue 17: wake idle instances on new work instead of polling. Each INSERT into the inbox or the outbox raises a
-- NOTIFY on chatops_inbox / chatops_outbox, which PostgreSQL delivers to every LISTENing session when (and only when)
-- the inserting transaction commits, folding repeats within one transaction into one. The hosts LISTEN on a dedicated
-- connection (WorkNotifications); SQLite and SQL Server have no such trigger and rely on the in-process signal and a poll.
CREATE FUNCTION chatops_notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_ARGV[0], '');
    RETURN NULL;
END
$$;

-- A product of the PostgreSQL family without pg_notify gets no triggers (its inserts must not fail): its hosts keep
-- the in-process signal and the idle poll, as on SQL Server.
DO $$
BEGIN
    IF to_regprocedure('pg_notify(text,text)') IS NOT NULL THEN
        CREATE TRIGGER inbox_notify_work AFTER INSERT ON inbox FOR EACH STATEMENT EXECUTE PROCEDURE chatops_notify_work('chatops_inbox');
        CREATE TRIGGER outbox_notify_work AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE PROCEDURE chatops_notify_work('chatops_outbox');
    END IF;
END
$$;
