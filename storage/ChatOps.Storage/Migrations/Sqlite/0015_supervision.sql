-- Problem lists, public complaints and 督办 tasks (issue 16; seed 000 第十七、十八条, seed 002): the items with their
-- responsible unit and deadline, their history, the office's dated rate targets, the 督战组 of each unit, and the
-- scheduled steps done (reminders, escalations, weekly summaries), recorded once by insert-if-absent.
CREATE TABLE supervision_items (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind               TEXT    NOT NULL,
    unit_code          TEXT    NOT NULL,
    place              TEXT    NULL,
    description        TEXT    NOT NULL,
    responsible_unit   TEXT    NULL,
    deadline           TEXT    NOT NULL,
    source             TEXT    NOT NULL,
    done_criteria      TEXT    NULL,
    meeting_item_id    INTEGER NULL,
    reporter_name      TEXT    NULL,
    reporter_contact   TEXT    NULL,
    status             TEXT    NOT NULL,
    requested_deadline TEXT    NULL,
    extension_reason   TEXT    NULL,
    escalation_level   INTEGER NOT NULL DEFAULT 0,
    escalated_at       TEXT    NULL,
    created_by         TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    closed_by          TEXT    NULL,
    closed_at          TEXT    NULL,
    updated_at         TEXT    NOT NULL
);

CREATE INDEX ix_supervision_items_unit ON supervision_items (unit_code, id);
CREATE INDEX ix_supervision_items_status ON supervision_items (status, deadline);

CREATE TABLE supervision_entries (
    id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    item_id   INTEGER NOT NULL REFERENCES supervision_items (id),
    action    TEXT    NOT NULL,
    person_id TEXT    NOT NULL,
    text      TEXT    NOT NULL,
    at        TEXT    NOT NULL
);

CREATE INDEX ix_supervision_entries_item ON supervision_entries (item_id, id);

CREATE TABLE supervision_milestones (
    due_date TEXT    NOT NULL PRIMARY KEY,
    target   INTEGER NOT NULL,
    set_by   TEXT    NOT NULL,
    set_at   TEXT    NOT NULL
);

CREATE TABLE supervision_supervisors (
    unit_code   TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, person_id)
);

CREATE TABLE supervision_steps (
    subject TEXT NOT NULL,
    step    TEXT NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (subject, step)
);
