-- The office's audit log (issues 10, 12): every change made by a person through chat, the console, the API or the CLI,
-- with who, when, what, to which thing and from where. Append-only; newest first by id.
CREATE TABLE audit_log (
    id       INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    acted_at TEXT    NOT NULL,
    actor_id TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    subject  TEXT    NOT NULL,
    detail   TEXT    NOT NULL,
    source   TEXT    NOT NULL
);

CREATE INDEX ix_audit_log_acted_at ON audit_log (acted_at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, id);
