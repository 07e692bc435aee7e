-- The conversation engine: inbox (dedupe of deliveries), outbox (everything the bot sends), dialog state,
-- reports with revisions, scheduled steps done, exemptions, bulletin headlines and report delegates.
CREATE TABLE inbox (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    channel      NVARCHAR(32)      NOT NULL,
    dedupe_key   NVARCHAR(400)     NOT NULL,
    sender_id    NVARCHAR(256)     NOT NULL,
    person_id    NVARCHAR(128)     NULL,
    payload      NVARCHAR(MAX)     NOT NULL,
    received_at  DATETIMEOFFSET(7) NOT NULL,
    claimed_until DATETIMEOFFSET(7) NULL,
    processed_at DATETIMEOFFSET(7) NULL,
    error        NVARCHAR(2000)    NULL
);

CREATE UNIQUE INDEX ux_inbox_dedupe ON inbox (channel, dedupe_key);
CREATE INDEX ix_inbox_pending ON inbox (processed_at, id);

CREATE TABLE outbox (
    id                 BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    channel            NVARCHAR(32)      NOT NULL,
    address            NVARCHAR(1000)    NOT NULL,
    person_id          NVARCHAR(128)     NULL,
    group_code         NVARCHAR(64)      NULL,
    payload            NVARCHAR(MAX)     NOT NULL,
    dedupe_key         NVARCHAR(400)     NULL,
    reply_context      NVARCHAR(2000)    NULL,
    created_at         DATETIMEOFFSET(7) NOT NULL,
    status             NVARCHAR(16)      NOT NULL,
    attempts           INT               NOT NULL DEFAULT 0,
    next_attempt_at    DATETIMEOFFSET(7) NOT NULL,
    claimed_until      DATETIMEOFFSET(7) NULL,
    last_error         NVARCHAR(2000)    NULL,
    channel_message_id NVARCHAR(256)     NULL,
    sent_at            DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_outbox_dedupe ON outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
CREATE INDEX ix_outbox_person ON outbox (person_id, channel, id);

CREATE TABLE dialog_states (
    person_id  NVARCHAR(128)     NOT NULL PRIMARY KEY,
    dialog     NVARCHAR(32)      NOT NULL,
    step       NVARCHAR(64)      NOT NULL,
    data       NVARCHAR(MAX)     NOT NULL,
    updated_at DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE reports (
    id             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    cycle_key      NVARCHAR(32)      NOT NULL,
    period_key     NVARCHAR(64)      NOT NULL,
    unit_code      NVARCHAR(64)      NOT NULL REFERENCES units (code),
    status         NVARCHAR(16)      NOT NULL,
    author_id      NVARCHAR(128)     NOT NULL,
    answers        NVARCHAR(MAX)     NOT NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL,
    updated_at     DATETIMEOFFSET(7) NOT NULL,
    submitted_at   DATETIMEOFFSET(7) NULL,
    is_late        BIT               NOT NULL DEFAULT 0,
    revision       INT               NOT NULL DEFAULT 0,
    reviewer_id    NVARCHAR(128)     NULL,
    review_comment NVARCHAR(1000)    NULL,
    reviewed_at    DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_reports_unit_period ON reports (cycle_key, period_key, unit_code);

CREATE TABLE report_revisions (
    report_id    BIGINT            NOT NULL REFERENCES reports (id),
    revision     INT               NOT NULL,
    author_id    NVARCHAR(128)     NOT NULL,
    answers      NVARCHAR(MAX)     NOT NULL,
    submitted_at DATETIMEOFFSET(7) NOT NULL,
    is_late      BIT               NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, revision)
);

CREATE TABLE schedule_steps (
    cycle_key  NVARCHAR(32)      NOT NULL,
    period_key NVARCHAR(64)      NOT NULL,
    step       NVARCHAR(64)      NOT NULL,
    done_at    DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (cycle_key, period_key, step)
);

CREATE TABLE report_exemptions (
    cycle_key  NVARCHAR(32)      NOT NULL,
    period_key NVARCHAR(64)      NOT NULL,
    person_id  NVARCHAR(128)     NOT NULL,
    reason     NVARCHAR(500)     NOT NULL,
    filed_by   NVARCHAR(128)     NOT NULL,
    filed_at   DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (cycle_key, period_key, person_id)
);

CREATE TABLE bulletin_headlines (
    id         BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    cycle_key  NVARCHAR(32)      NOT NULL,
    period_key NVARCHAR(64)      NOT NULL,
    text       NVARCHAR(2000)    NOT NULL,
    added_by   NVARCHAR(128)     NOT NULL,
    added_at   DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_bulletin_headlines_period ON bulletin_headlines (cycle_key, period_key, id);

CREATE TABLE unit_delegates (
    unit_code NVARCHAR(64)      NOT NULL REFERENCES units (code),
    person_id NVARCHAR(128)     NOT NULL REFERENCES people (id),
    named_by  NVARCHAR(128)     NOT NULL,
    named_at  DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (unit_code, person_id)
);
