-- Circulars (通报, 通知, 文件, 会议纪要, 工作专报; seed 000 第十四条、第二十条): the documents with their numbers, attached
-- files, deliveries (one per group or 1:1 person, whose status is the outbox row named by dedupe_key), the people who
-- must acknowledge, reminder steps done and the audit log. number_key is the normalized number while the circular
-- holds it (draft, waiting for sign-off, issued) and NULL once returned or withdrawn, so a released number can be used
-- again while a held one is unique.
CREATE TABLE circulars (
    id                   BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    kind                 NVARCHAR(32)      NOT NULL,
    title                NVARCHAR(200)     NOT NULL,
    body                 NVARCHAR(MAX)     NOT NULL,
    number               NVARCHAR(100)     NOT NULL,
    number_key           NVARCHAR(100)     NULL,
    number_year          INT               NULL,
    number_seq           INT               NULL,
    targets              NVARCHAR(MAX)     NOT NULL,
    major                BIT               NOT NULL DEFAULT 0,
    status               NVARCHAR(16)      NOT NULL,
    composed_by          NVARCHAR(128)     NOT NULL,
    composed_at          DATETIMEOFFSET(7) NOT NULL,
    signer_id            NVARCHAR(128)     NULL,
    signed_at            DATETIMEOFFSET(7) NULL,
    comment              NVARCHAR(1000)    NULL,
    issued_at            DATETIMEOFFSET(7) NULL,
    reminders_stopped_at DATETIMEOFFSET(7) NULL,
    reminders_stopped_by NVARCHAR(128)     NULL,
    next_reminder_at     DATETIMEOFFSET(7) NULL,
    updated_at           DATETIMEOFFSET(7) NOT NULL
);

CREATE UNIQUE INDEX ux_circulars_number ON circulars (number_key) WHERE number_key IS NOT NULL;
CREATE INDEX ix_circulars_sequence ON circulars (kind, number_year, number_seq);
CREATE INDEX ix_circulars_reminder ON circulars (next_reminder_at);

CREATE TABLE circular_attachments (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    circular_id  BIGINT            NOT NULL REFERENCES circulars (id),
    file_name    NVARCHAR(260)     NOT NULL,
    content_type NVARCHAR(200)     NOT NULL,
    size         BIGINT            NOT NULL,
    sha256       NVARCHAR(64)      NOT NULL,
    content      VARBINARY(MAX)    NOT NULL,
    uploaded_by  NVARCHAR(128)     NOT NULL,
    uploaded_at  DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_circular_attachments_circular ON circular_attachments (circular_id, id);
CREATE INDEX ix_circular_attachments_sha256 ON circular_attachments (sha256);

CREATE TABLE circular_deliveries (
    circular_id BIGINT         NOT NULL REFERENCES circulars (id),
    target_key  NVARCHAR(200)  NOT NULL,
    ordinal     INT            NOT NULL,
    group_code  NVARCHAR(64)   NULL,
    person_id   NVARCHAR(128)  NULL,
    channel     NVARCHAR(32)   NULL,
    address     NVARCHAR(1000) NULL,
    dedupe_key  NVARCHAR(400)  NULL,
    error       NVARCHAR(2000) NULL,
    PRIMARY KEY (circular_id, target_key)
);

CREATE TABLE circular_recipients (
    circular_id      BIGINT            NOT NULL REFERENCES circulars (id),
    person_id        NVARCHAR(128)     NOT NULL,
    ordinal          INT               NOT NULL,
    unit_code        NVARCHAR(64)      NULL,
    via_group        NVARCHAR(64)      NULL,
    prompt_key       NVARCHAR(400)     NULL,
    acked_at         DATETIMEOFFSET(7) NULL,
    ack_method       NVARCHAR(16)      NULL,
    ack_channel      NVARCHAR(32)      NULL,
    reminders        INT               NOT NULL DEFAULT 0,
    last_reminded_at DATETIMEOFFSET(7) NULL,
    PRIMARY KEY (circular_id, person_id)
);

CREATE INDEX ix_circular_recipients_person ON circular_recipients (person_id, acked_at);

CREATE TABLE circular_reminder_steps (
    circular_id BIGINT            NOT NULL REFERENCES circulars (id),
    step        NVARCHAR(64)      NOT NULL,
    done_at     DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (circular_id, step)
);

CREATE TABLE circular_audit (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    circular_id BIGINT            NULL REFERENCES circulars (id),
    action      NVARCHAR(32)      NOT NULL,
    actor_id    NVARCHAR(128)     NOT NULL,
    acted_at    DATETIMEOFFSET(7) NOT NULL,
    detail      NVARCHAR(2000)    NULL
);

CREATE INDEX ix_circular_audit_circular ON circular_audit (circular_id, id);
