-- Circulars (通报, 通知, 文件, 会议纪要, 工作专报; seed 000 第十四条、第二十条): the documents with their numbers, attached
-- files, deliveries (one per group or 1:1 person, whose status is the outbox row named by dedupe_key), the people who
-- must acknowledge, reminder steps done and the audit log. number_key is the normalized number while the circular
-- holds it (draft, waiting for sign-off, issued) and NULL once returned or withdrawn, so a released number can be used
-- again while a held one is unique.
CREATE TABLE circulars (
    id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind                 TEXT    NOT NULL,
    title                TEXT    NOT NULL,
    body                 TEXT    NOT NULL,
    number               TEXT    NOT NULL,
    number_key           TEXT    NULL,
    number_year          INTEGER NULL,
    number_seq           INTEGER NULL,
    targets              TEXT    NOT NULL,
    major                INTEGER NOT NULL DEFAULT 0,
    status               TEXT    NOT NULL,
    composed_by          TEXT    NOT NULL,
    composed_at          TEXT    NOT NULL,
    signer_id            TEXT    NULL,
    signed_at            TEXT    NULL,
    comment              TEXT    NULL,
    issued_at            TEXT    NULL,
    reminders_stopped_at TEXT    NULL,
    reminders_stopped_by TEXT    NULL,
    next_reminder_at     TEXT    NULL,
    updated_at           TEXT    NOT NULL
);

CREATE UNIQUE INDEX ux_circulars_number ON circulars (number_key) WHERE number_key IS NOT NULL;
CREATE INDEX ix_circulars_sequence ON circulars (kind, number_year, number_seq);
CREATE INDEX ix_circulars_reminder ON circulars (next_reminder_at);

CREATE TABLE circular_attachments (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    circular_id  INTEGER NOT NULL REFERENCES circulars (id),
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    uploaded_at  TEXT    NOT NULL
);

CREATE INDEX ix_circular_attachments_circular ON circular_attachments (circular_id, id);
CREATE INDEX ix_circular_attachments_sha256 ON circular_attachments (sha256);

CREATE TABLE circular_deliveries (
    circular_id INTEGER NOT NULL REFERENCES circulars (id),
    target_key  TEXT    NOT NULL,
    ordinal     INTEGER NOT NULL,
    group_code  TEXT    NULL,
    person_id   TEXT    NULL,
    channel     TEXT    NULL,
    address     TEXT    NULL,
    dedupe_key  TEXT    NULL,
    error       TEXT    NULL,
    PRIMARY KEY (circular_id, target_key)
);

CREATE TABLE circular_recipients (
    circular_id      INTEGER NOT NULL REFERENCES circulars (id),
    person_id        TEXT    NOT NULL,
    ordinal          INTEGER NOT NULL,
    unit_code        TEXT    NULL,
    via_group        TEXT    NULL,
    prompt_key       TEXT    NULL,
    acked_at         TEXT    NULL,
    ack_method       TEXT    NULL,
    ack_channel      TEXT    NULL,
    reminders        INTEGER NOT NULL DEFAULT 0,
    last_reminded_at TEXT    NULL,
    PRIMARY KEY (circular_id, person_id)
);

CREATE INDEX ix_circular_recipients_person ON circular_recipients (person_id, acked_at);

CREATE TABLE circular_reminder_steps (
    circular_id INTEGER NOT NULL REFERENCES circulars (id),
    step        TEXT    NOT NULL,
    done_at     TEXT    NOT NULL,
    PRIMARY KEY (circular_id, step)
);

CREATE TABLE circular_audit (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    circular_id INTEGER NULL REFERENCES circulars (id),
    action      TEXT    NOT NULL,
    actor_id    TEXT    NOT NULL,
    acted_at    TEXT    NOT NULL,
    detail      TEXT    NULL
);

CREATE INDEX ix_circular_audit_circular ON circular_audit (circular_id, id);
