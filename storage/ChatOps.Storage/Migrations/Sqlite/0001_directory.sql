-- Directory: member units, people, their roles and channel identities, liaisons with history, group chats.
-- Nothing is deleted: removed units, people and groups are marked inactive so history keeps its references.
CREATE TABLE units (
    code            TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    parent_code     TEXT    NULL,
    requires_review INTEGER NOT NULL DEFAULT 0,
    sort_order      INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE people (
    id        TEXT    NOT NULL PRIMARY KEY,
    name      TEXT    NOT NULL,
    unit_code TEXT    NULL REFERENCES units (code),
    title     TEXT    NULL,
    phone     TEXT    NULL,
    active    INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX ix_people_unit ON people (unit_code);

CREATE TABLE person_roles (
    person_id TEXT NOT NULL REFERENCES people (id),
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE person_identities (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (channel, external_id)
);

CREATE INDEX ix_person_identities_person ON person_identities (person_id);

CREATE TABLE unit_liaisons (
    unit_code TEXT NOT NULL PRIMARY KEY REFERENCES units (code),
    person_id TEXT NOT NULL REFERENCES people (id),
    since     TEXT NOT NULL
);

CREATE TABLE liaison_changes (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    unit_code     TEXT    NOT NULL REFERENCES units (code),
    old_person_id TEXT    NULL,
    new_person_id TEXT    NOT NULL,
    filed_by      TEXT    NOT NULL,
    filed_at      TEXT    NOT NULL,
    reason        TEXT    NOT NULL
);

CREATE INDEX ix_liaison_changes_unit ON liaison_changes (unit_code, id);

CREATE TABLE group_chats (
    code    TEXT    NOT NULL PRIMARY KEY,
    name    TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    address TEXT    NOT NULL,
    active  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE group_members (
    group_code TEXT NOT NULL REFERENCES group_chats (code),
    person_id  TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (group_code, person_id)
);
