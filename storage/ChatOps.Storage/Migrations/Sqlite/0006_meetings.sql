-- Meetings (seed 000 第十一~十三条, seed 003 五): recurring series, meetings (one-off or one occurrence of a series),
-- rosters with answers, leave requests with substitutes, scheduled steps done, agreed items and their feedback.
CREATE TABLE meeting_series (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    host_id          TEXT    NOT NULL,
    recurrence       TEXT    NOT NULL,
    first_date       TEXT    NOT NULL,
    start_time       TEXT    NOT NULL,
    duration_minutes INTEGER NOT NULL,
    place            TEXT    NULL,
    link             TEXT    NULL,
    agenda           TEXT    NULL,
    attendee_specs   TEXT    NOT NULL,
    created_by       TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    cancelled_at     TEXT    NULL
);

CREATE TABLE meetings (
    id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    series_id             INTEGER NULL REFERENCES meeting_series (id),
    slot                  TEXT    NULL,
    kind                  TEXT    NOT NULL,
    title                 TEXT    NOT NULL,
    host_id               TEXT    NOT NULL,
    starts_at             TEXT    NOT NULL,
    ends_at               TEXT    NOT NULL,
    place                 TEXT    NULL,
    link                  TEXT    NULL,
    agenda                TEXT    NULL,
    attendee_specs        TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    created_by            TEXT    NOT NULL,
    created_at            TEXT    NOT NULL,
    time_set_at           TEXT    NOT NULL,
    time_version          INTEGER NOT NULL DEFAULT 1,
    holiday_note          TEXT    NULL,
    awaiting_confirmation INTEGER NOT NULL DEFAULT 0,
    cancelled_at          TEXT    NULL,
    cancel_reason         TEXT    NULL
);

CREATE UNIQUE INDEX ux_meetings_series_slot ON meetings (series_id, slot) WHERE series_id IS NOT NULL;
CREATE INDEX ix_meetings_status_end ON meetings (status, ends_at);

CREATE TABLE meeting_attendees (
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id),
    person_id         TEXT    NOT NULL,
    role              TEXT    NOT NULL,
    unit_code         TEXT    NULL,
    source            TEXT    NOT NULL,
    answer            TEXT    NOT NULL,
    answered_at       TEXT    NULL,
    substitute_for    TEXT    NULL,
    leave_request_id  INTEGER NULL,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE INDEX ix_meeting_attendees_person ON meeting_attendees (person_id, meeting_id);

CREATE TABLE leave_requests (
    id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    meeting_id           INTEGER NOT NULL REFERENCES meetings (id),
    person_id            TEXT    NOT NULL,
    reason               TEXT    NOT NULL,
    substitute_person_id TEXT    NULL,
    substitute_name      TEXT    NOT NULL,
    substitute_phone     TEXT    NULL,
    status               TEXT    NOT NULL,
    requested_at         TEXT    NOT NULL,
    decided_by           TEXT    NULL,
    decided_at           TEXT    NULL,
    host_comment         TEXT    NULL
);

CREATE INDEX ix_leave_requests_meeting ON leave_requests (meeting_id, id);

CREATE TABLE meeting_steps (
    subject TEXT NOT NULL,
    step    TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (subject, step)
);

CREATE TABLE agreed_items (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    text        TEXT    NOT NULL,
    owner_unit  TEXT    NOT NULL REFERENCES units (code),
    due_date    TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE INDEX ix_agreed_items_status ON agreed_items (status, due_date);
CREATE INDEX ix_agreed_items_meeting ON agreed_items (meeting_id);

CREATE TABLE agreed_item_feedback (
    id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    item_id   INTEGER NOT NULL REFERENCES agreed_items (id),
    person_id TEXT    NOT NULL,
    text      TEXT    NOT NULL,
    done      INTEGER NOT NULL DEFAULT 0,
    given_at  TEXT    NOT NULL
);

CREATE INDEX ix_agreed_item_feedback_item ON agreed_item_feedback (item_id, id);
