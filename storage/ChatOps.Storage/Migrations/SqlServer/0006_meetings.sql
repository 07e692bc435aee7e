-- Meetings (seed 000 第十一~十三条, seed 003 五): recurring series, meetings (one-off or one occurrence of a series),
-- rosters with answers, leave requests with substitutes, scheduled steps done, agreed items and their feedback.
CREATE TABLE meeting_series (
    id               BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    kind             NVARCHAR(32)      NOT NULL,
    title            NVARCHAR(200)     NOT NULL,
    host_id          NVARCHAR(128)     NOT NULL,
    recurrence       NVARCHAR(32)      NOT NULL,
    first_date       NVARCHAR(10)      NOT NULL,
    start_time       NVARCHAR(8)       NOT NULL,
    duration_minutes INT               NOT NULL,
    place            NVARCHAR(400)     NULL,
    link             NVARCHAR(1000)    NULL,
    agenda           NVARCHAR(MAX)     NULL,
    attendee_specs   NVARCHAR(MAX)     NOT NULL,
    created_by       NVARCHAR(128)     NOT NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    cancelled_at     DATETIMEOFFSET(7) NULL
);

CREATE TABLE meetings (
    id                    BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    series_id             BIGINT            NULL REFERENCES meeting_series (id),
    slot                  NVARCHAR(10)      NULL,
    kind                  NVARCHAR(32)      NOT NULL,
    title                 NVARCHAR(200)     NOT NULL,
    host_id               NVARCHAR(128)     NOT NULL,
    starts_at             DATETIMEOFFSET(7) NOT NULL,
    ends_at               DATETIMEOFFSET(7) NOT NULL,
    place                 NVARCHAR(400)     NULL,
    link                  NVARCHAR(1000)    NULL,
    agenda                NVARCHAR(MAX)     NULL,
    attendee_specs        NVARCHAR(MAX)     NOT NULL,
    status                NVARCHAR(16)      NOT NULL,
    created_by            NVARCHAR(128)     NOT NULL,
    created_at            DATETIMEOFFSET(7) NOT NULL,
    time_set_at           DATETIMEOFFSET(7) NOT NULL,
    time_version          INT               NOT NULL DEFAULT 1,
    holiday_note          NVARCHAR(100)     NULL,
    awaiting_confirmation BIT               NOT NULL DEFAULT 0,
    cancelled_at          DATETIMEOFFSET(7) NULL,
    cancel_reason         NVARCHAR(400)     NULL
);

CREATE UNIQUE INDEX ux_meetings_series_slot ON meetings (series_id, slot) WHERE series_id IS NOT NULL;
CREATE INDEX ix_meetings_status_end ON meetings (status, ends_at);

CREATE TABLE meeting_attendees (
    meeting_id        BIGINT            NOT NULL REFERENCES meetings (id),
    person_id         NVARCHAR(128)     NOT NULL,
    role              NVARCHAR(16)      NOT NULL,
    unit_code         NVARCHAR(64)      NULL,
    source            NVARCHAR(300)     NOT NULL,
    answer            NVARCHAR(16)      NOT NULL,
    answered_at       DATETIMEOFFSET(7) NULL,
    substitute_for    NVARCHAR(128)     NULL,
    leave_request_id  BIGINT            NULL,
    PRIMARY KEY (meeting_id, person_id)
);

CREATE INDEX ix_meeting_attendees_person ON meeting_attendees (person_id, meeting_id);

CREATE TABLE leave_requests (
    id                   BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    meeting_id           BIGINT            NOT NULL REFERENCES meetings (id),
    person_id            NVARCHAR(128)     NOT NULL,
    reason               NVARCHAR(400)     NOT NULL,
    substitute_person_id NVARCHAR(128)     NULL,
    substitute_name      NVARCHAR(100)     NOT NULL,
    substitute_phone     NVARCHAR(32)      NULL,
    status               NVARCHAR(16)      NOT NULL,
    requested_at         DATETIMEOFFSET(7) NOT NULL,
    decided_by           NVARCHAR(128)     NULL,
    decided_at           DATETIMEOFFSET(7) NULL,
    host_comment         NVARCHAR(1000)    NULL
);

CREATE INDEX ix_leave_requests_meeting ON leave_requests (meeting_id, id);

CREATE TABLE meeting_steps (
    subject NVARCHAR(64)      NOT NULL,
    step    NVARCHAR(64)      NOT NULL,
    done_at DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (subject, step)
);

CREATE TABLE agreed_items (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    meeting_id  BIGINT            NOT NULL REFERENCES meetings (id),
    text        NVARCHAR(1000)    NOT NULL,
    owner_unit  NVARCHAR(64)      NOT NULL REFERENCES units (code),
    due_date    NVARCHAR(10)      NOT NULL,
    status      NVARCHAR(16)      NOT NULL,
    recorded_by NVARCHAR(128)     NOT NULL,
    recorded_at DATETIMEOFFSET(7) NOT NULL,
    updated_at  DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_agreed_items_status ON agreed_items (status, due_date);
CREATE INDEX ix_agreed_items_meeting ON agreed_items (meeting_id);

CREATE TABLE agreed_item_feedback (
    id        BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    item_id   BIGINT            NOT NULL REFERENCES agreed_items (id),
    person_id NVARCHAR(128)     NOT NULL,
    text      NVARCHAR(2000)    NOT NULL,
    done      BIT               NOT NULL DEFAULT 0,
    given_at  DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_agreed_item_feedback_item ON agreed_item_feedback (item_id, id);
