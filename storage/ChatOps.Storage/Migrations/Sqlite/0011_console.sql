-- The office console (issue 12): personal tokens for the office API. Only the SHA-256 of a token is stored.
CREATE TABLE api_tokens (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    person_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT    NULL,
    revoked_at   TEXT    NULL
);

CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_person ON api_tokens (person_id, id);
