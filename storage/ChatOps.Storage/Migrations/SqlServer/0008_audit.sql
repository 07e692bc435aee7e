-- The office's audit log (issues 10, 12): every change made by a person through chat, the console, the API or the CLI,
-- with who, when, what, to which thing and from where. Append-only; newest first by id.
CREATE TABLE audit_log (
    id       BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    acted_at DATETIMEOFFSET(7) NOT NULL,
    actor_id NVARCHAR(128)     NOT NULL,
    action   NVARCHAR(64)      NOT NULL,
    subject  NVARCHAR(200)     NOT NULL,
    detail   NVARCHAR(2000)    NOT NULL,
    source   NVARCHAR(200)     NOT NULL
);

CREATE INDEX ix_audit_log_acted_at ON audit_log (acted_at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, id);
