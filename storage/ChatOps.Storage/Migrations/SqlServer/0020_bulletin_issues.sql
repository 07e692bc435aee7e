-- The bulletin's issues (issue 12, 专报编辑): the office's edited draft of a period's bulletin (JSON), its 期号 in the
-- year, and once the office head signed it off (签发) the Word file as issued — the archive of past issues.
CREATE TABLE bulletin_issues (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    cycle_key   NVARCHAR(64)      NOT NULL,
    period_key  NVARCHAR(64)      NOT NULL,
    year        INT               NOT NULL,
    number      INT               NOT NULL,
    status      NVARCHAR(16)      NOT NULL,
    content     NVARCHAR(MAX)     NOT NULL,
    version     INT               NOT NULL,
    updated_by  NVARCHAR(128)     NOT NULL,
    updated_at  DATETIMEOFFSET(7) NOT NULL,
    signer_id   NVARCHAR(128)     NULL,
    signer_name NVARCHAR(100)     NULL,
    signed_at   DATETIMEOFFSET(7) NULL,
    document    VARBINARY(MAX)    NULL
);

CREATE UNIQUE INDEX ux_bulletin_issues_period ON bulletin_issues (cycle_key, period_key);
CREATE UNIQUE INDEX ux_bulletin_issues_number ON bulletin_issues (year, number);
