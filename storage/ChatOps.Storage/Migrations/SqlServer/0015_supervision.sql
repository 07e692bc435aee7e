-- Problem lists, public complaints and 督办 tasks (issue 16; seed 000 第十七、十八条, seed 002): the items with their
-- responsible unit and deadline, their history, the office's dated rate targets, the 督战组 of each unit, and the
-- scheduled steps done (reminders, escalations, weekly summaries), recorded once by insert-if-absent.
CREATE TABLE supervision_items (
    id                 BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    kind               NVARCHAR(16)      NOT NULL,
    unit_code          NVARCHAR(64)      NOT NULL,
    place              NVARCHAR(200)     NULL,
    description        NVARCHAR(1000)    NOT NULL,
    responsible_unit   NVARCHAR(200)     NULL,
    deadline           NVARCHAR(10)      NOT NULL,
    source             NVARCHAR(200)     NOT NULL,
    done_criteria      NVARCHAR(1000)    NULL,
    meeting_item_id    BIGINT            NULL,
    reporter_name      NVARCHAR(100)     NULL,
    reporter_contact   NVARCHAR(100)     NULL,
    status             NVARCHAR(16)      NOT NULL,
    requested_deadline NVARCHAR(10)      NULL,
    extension_reason   NVARCHAR(1000)    NULL,
    escalation_level   INT               NOT NULL DEFAULT 0,
    escalated_at       DATETIMEOFFSET(7) NULL,
    created_by         NVARCHAR(128)     NOT NULL,
    created_at         DATETIMEOFFSET(7) NOT NULL,
    closed_by          NVARCHAR(128)     NULL,
    closed_at          DATETIMEOFFSET(7) NULL,
    updated_at         DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_supervision_items_unit ON supervision_items (unit_code, id);
CREATE INDEX ix_supervision_items_status ON supervision_items (status, deadline);

CREATE TABLE supervision_entries (
    id        BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    item_id   BIGINT            NOT NULL REFERENCES supervision_items (id),
    action    NVARCHAR(32)      NOT NULL,
    person_id NVARCHAR(128)     NOT NULL,
    text      NVARCHAR(1100)    NOT NULL,
    at        DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_supervision_entries_item ON supervision_entries (item_id, id);

CREATE TABLE supervision_milestones (
    due_date NVARCHAR(10)      NOT NULL PRIMARY KEY,
    target   INT               NOT NULL,
    set_by   NVARCHAR(128)     NOT NULL,
    set_at   DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE supervision_supervisors (
    unit_code   NVARCHAR(64)      NOT NULL,
    person_id   NVARCHAR(128)     NOT NULL,
    assigned_by NVARCHAR(128)     NOT NULL,
    assigned_at DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (unit_code, person_id)
);

CREATE TABLE supervision_steps (
    subject NVARCHAR(200)     NOT NULL,
    step    NVARCHAR(100)     NOT NULL,
    done_at DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (subject, step)
);
