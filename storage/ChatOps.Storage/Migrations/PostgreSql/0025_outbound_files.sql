-- Files the bot sends (issue 15: the 专报's Word file in chat). The outbox row carries only the file's id; the bytes
-- live here, with the person they were made for, what they are (kind: whose download rule applies) and the secret
-- their download links are signed with.
CREATE TABLE outbound_files (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind         VARCHAR(32)  NOT NULL,
    person_id    VARCHAR(128) NOT NULL,
    name         VARCHAR(260) NOT NULL,
    content_type VARCHAR(128) NOT NULL,
    size         BIGINT       NOT NULL,
    secret       VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    content      BYTEA        NOT NULL
);

CREATE INDEX ix_outbound_files_created ON outbound_files (created_at);
