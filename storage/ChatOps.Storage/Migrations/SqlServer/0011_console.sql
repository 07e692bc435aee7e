-- The office console (issue 12): personal tokens for the office API. Only the SHA-256 of a token is stored.
CREATE TABLE api_tokens (
    id           BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    person_id    NVARCHAR(128)     NOT NULL,
    name         NVARCHAR(100)     NOT NULL,
    token_hash   CHAR(64)          NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    last_used_at DATETIMEOFFSET(7) NULL,
    revoked_at   DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_person ON api_tokens (person_id, id);
