-- The conversation engine: inbox (dedupe of deliveries), outbox (everything the bot sends), dialog state,
-- reports with revisions, scheduled steps done, exemptions, bulletin headlines and report delegates.
CREATE TABLE inbox (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    channel      TEXT    NOT NULL,
    dedupe_key   TEXT    NOT NULL,
    sender_id    TEXT    NOT NULL,
    person_id    TEXT    NULL,
    payload      TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    claimed_until TEXT   NULL,
    processed_at TEXT    NULL,
    error        TEXT    NULL
);

CREATE UNIQUE INDEX ux_inbox_dedupe ON inbox (channel, dedupe_key);
CREATE INDEX ix_inbox_pending ON inbox (processed_at, id);

CREATE TABLE outbox (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    channel            TEXT    NOT NULL,
    address            TEXT    NOT NULL,
    person_id          TEXT    NULL,
    group_code         TEXT    NULL,
    payload            TEXT    NOT NULL,
    dedupe_key         TEXT    NULL,
    reply_context      TEXT    NULL,
    created_at         TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    TEXT    NOT NULL,
    claimed_until      TEXT    NULL,
    last_error         TEXT    NULL,
    channel_message_id TEXT    NULL,
    sent_at            TEXT    NULL
);

CREATE UNIQUE INDEX ux_outbox_dedupe ON outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at, id);
CREATE INDEX ix_outbox_person ON outbox (person_id, channel, id);

CREATE TABLE dialog_states (
    person_id  TEXT NOT NULL PRIMARY KEY,
    dialog     TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE reports (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    cycle_key      TEXT    NOT NULL,
    period_key     TEXT    NOT NULL,
    unit_code      TEXT    NOT NULL REFERENCES units (code),
    status         TEXT    NOT NULL,
    author_id      TEXT    NOT NULL,
    answers        TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    submitted_at   TEXT    NULL,
    is_late        INTEGER NOT NULL DEFAULT 0,
    revision       INTEGER NOT NULL DEFAULT 0,
    reviewer_id    TEXT    NULL,
    review_comment TEXT    NULL,
    reviewed_at    TEXT    NULL
);

CREATE UNIQUE INDEX ux_reports_unit_period ON reports (cycle_key, period_key, unit_code);

CREATE TABLE report_revisions (
    report_id    INTEGER NOT NULL REFERENCES reports (id),
    revision     INTEGER NOT NULL,
    author_id    TEXT    NOT NULL,
    answers      TEXT    NOT NULL,
    submitted_at TEXT    NOT NULL,
    is_late      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, revision)
);

CREATE TABLE schedule_steps (
    cycle_key  TEXT NOT NULL,
    period_key TEXT NOT NULL,
    step       TEXT NOT NULL,
    done_at    TEXT NOT NULL,
    PRIMARY KEY (cycle_key, period_key, step)
);

CREATE TABLE report_exemptions (
    cycle_key  TEXT NOT NULL,
    period_key TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    reason     TEXT NOT NULL,
    filed_by   TEXT NOT NULL,
    filed_at   TEXT NOT NULL,
    PRIMARY KEY (cycle_key, period_key, person_id)
);

CREATE TABLE bulletin_headlines (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    cycle_key  TEXT    NOT NULL,
    period_key TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    added_by   TEXT    NOT NULL,
    added_at   TEXT    NOT NULL
);

CREATE INDEX ix_bulletin_headlines_period ON bulletin_headlines (cycle_key, period_key, id);

CREATE TABLE unit_delegates (
    unit_code TEXT NOT NULL REFERENCES units (code),
    person_id TEXT NOT NULL REFERENCES people (id),
    named_by  TEXT NOT NULL,
    named_at  TEXT NOT NULL,
    PRIMARY KEY (unit_code, person_id)
);
