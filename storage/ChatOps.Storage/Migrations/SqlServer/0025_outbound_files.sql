-- Files the bot sends (issue 15: the 专报's Word file in chat). The outbox row carries only the file's id; the bytes
-- live here, with the person they were made for, what they are (kind: whose download rule applies) and the secret
-- their download links are signed with.
CREATE TABLE outbound_files (
    id           NVARCHAR(64)      NOT NULL PRIMARY KEY,
    kind         NVARCHAR(32)      NOT NULL,
    person_id    NVARCHAR(128)     NOT NULL,
    name         NVARCHAR(260)     NOT NULL,
    content_type NVARCHAR(128)     NOT NULL,
    size         BIGINT            NOT NULL,
    secret       NVARCHAR(64)      NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    content      VARBINARY(MAX)    NOT NULL
);

CREATE INDEX ix_outbound_files_created ON outbound_files (created_at);
