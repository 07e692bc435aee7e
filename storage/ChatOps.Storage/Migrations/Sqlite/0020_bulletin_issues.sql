-- The bulletin's issues (issue 12, 专报编辑): the office's edited draft of a period's bulletin (JSON), its 期号 in the
-- year, and once the office head signed it off (签发) the Word file as issued — the archive of past issues.
CREATE TABLE bulletin_issues (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    cycle_key   TEXT    NOT NULL,
    period_key  TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    updated_by  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    signer_id   TEXT    NULL,
    signer_name TEXT    NULL,
    signed_at   TEXT    NULL,
    document    BLOB    NULL
);

CREATE UNIQUE INDEX ux_bulletin_issues_period ON bulletin_issues (cycle_key, period_key);
CREATE UNIQUE INDEX ux_bulletin_issues_number ON bulletin_issues (year, number);
