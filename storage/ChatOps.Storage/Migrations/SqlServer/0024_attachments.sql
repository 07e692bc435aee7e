-- Inbound attachments (issues 15 and 16): pictures and files people send in chat, attached to a report or to the
-- rectification of a problem. One row per attachment of a message, keyed by channel + the message's dedupe key + its
-- position (intake_key), so a retried delivery or a second claim stores nothing twice. A refused one (too large, a
-- type not allowed, expired) keeps only its name and reason. The bytes live in their own table in the database: one
-- backup holds everything, every instance of a scale-out reads them, and the lists never read the blobs.
CREATE TABLE attachments (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    intake_key   NVARCHAR(400)     NOT NULL,
    channel      NVARCHAR(32)      NOT NULL,
    sender_id    NVARCHAR(256)     NOT NULL,
    file_name    NVARCHAR(260)     NOT NULL,
    content_type NVARCHAR(200)     NOT NULL,
    size         BIGINT            NOT NULL,
    sha256       NVARCHAR(64)      NULL,
    status       NVARCHAR(16)      NOT NULL,
    refusal      NVARCHAR(32)      NULL,
    owner_kind   NVARCHAR(32)      NULL,
    owner_id     BIGINT            NULL,
    added_by     NVARCHAR(128)     NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    linked_at    DATETIMEOFFSET(7) NULL,
    deleted_at   DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_attachments_intake_key ON attachments (intake_key);
CREATE INDEX ix_attachments_owner ON attachments (owner_kind, owner_id, id);

CREATE TABLE attachment_contents (
    attachment_id BIGINT         NOT NULL PRIMARY KEY REFERENCES attachments (id),
    content       VARBINARY(MAX) NOT NULL
);
