-- Directory: member units, people, their roles and channel identities, liaisons with history, group chats.
-- Nothing is deleted: removed units, people and groups are marked inactive so history keeps its references.
CREATE TABLE units (
    code            NVARCHAR(64)  NOT NULL PRIMARY KEY,
    name            NVARCHAR(200) NOT NULL,
    kind            NVARCHAR(32)  NOT NULL,
    parent_code     NVARCHAR(64)  NULL,
    requires_review BIT           NOT NULL DEFAULT 0,
    sort_order      INT           NOT NULL,
    active          BIT           NOT NULL DEFAULT 1
);

CREATE TABLE people (
    id        NVARCHAR(128) NOT NULL PRIMARY KEY,
    name      NVARCHAR(100) NOT NULL,
    unit_code NVARCHAR(64)  NULL REFERENCES units (code),
    title     NVARCHAR(200) NULL,
    phone     NVARCHAR(40)  NULL,
    active    BIT           NOT NULL DEFAULT 1
);

CREATE INDEX ix_people_unit ON people (unit_code);

CREATE TABLE person_roles (
    person_id NVARCHAR(128) NOT NULL REFERENCES people (id),
    role      NVARCHAR(32)  NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE person_identities (
    channel     NVARCHAR(32)  NOT NULL,
    external_id NVARCHAR(256) NOT NULL,
    person_id   NVARCHAR(128) NOT NULL REFERENCES people (id),
    PRIMARY KEY (channel, external_id)
);

CREATE INDEX ix_person_identities_person ON person_identities (person_id);

CREATE TABLE unit_liaisons (
    unit_code NVARCHAR(64)      NOT NULL PRIMARY KEY REFERENCES units (code),
    person_id NVARCHAR(128)     NOT NULL REFERENCES people (id),
    since     DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE liaison_changes (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    unit_code     NVARCHAR(64)      NOT NULL REFERENCES units (code),
    old_person_id NVARCHAR(128)     NULL,
    new_person_id NVARCHAR(128)     NOT NULL,
    filed_by      NVARCHAR(128)     NOT NULL,
    filed_at      DATETIMEOFFSET(7) NOT NULL,
    reason        NVARCHAR(500)     NOT NULL
);

CREATE INDEX ix_liaison_changes_unit ON liaison_changes (unit_code, id);

CREATE TABLE group_chats (
    code    NVARCHAR(64)   NOT NULL PRIMARY KEY,
    name    NVARCHAR(200)  NOT NULL,
    kind    NVARCHAR(32)   NOT NULL,
    address NVARCHAR(1000) NOT NULL,
    active  BIT            NOT NULL DEFAULT 1
);

CREATE TABLE group_members (
    group_code NVARCHAR(64)  NOT NULL REFERENCES group_chats (code),
    person_id  NVARCHAR(128) NOT NULL REFERENCES people (id),
    PRIMARY KEY (group_code, person_id)
);
