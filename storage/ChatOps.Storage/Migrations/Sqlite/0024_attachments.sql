-- Inbound attachments (issues 15 and 16): pictures and files people send in chat, attached to a report or to the
-- rectification of a problem. One row per attachment of a message, keyed by channel + the message's dedupe key + its
-- position (intake_key), so a retried delivery or a second claim stores nothing twice. A refused one (too large, a
-- type not allowed, expired) keeps only its name and reason. The bytes live in their own table in the database: one
-- backup holds everything, every instance of a scale-out reads them, and the lists never read the blobs.
CREATE TABLE attachments (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    intake_key   TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    sender_id    TEXT    NOT NULL,
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NULL,
    status       TEXT    NOT NULL,
    refusal      TEXT    NULL,
    owner_kind   TEXT    NULL,
    owner_id     INTEGER NULL,
    added_by     TEXT    NULL,
    created_at   TEXT    NOT NULL,
    linked_at    TEXT    NULL,
    deleted_at   TEXT    NULL
);

CREATE UNIQUE INDEX ux_attachments_intake_key ON attachments (intake_key);
CREATE INDEX ix_attachments_owner ON attachments (owner_kind, owner_id, id);

CREATE TABLE attachment_contents (
    attachment_id INTEGER NOT NULL PRIMARY KEY REFERENCES attachments (id),
    content       BLOB    NOT NULL
);
