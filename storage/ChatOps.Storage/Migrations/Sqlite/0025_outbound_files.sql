-- Files the bot sends (issue 15: the 专报's Word file in chat). The outbox row carries only the file's id; the bytes
-- live here, with the person they were made for, what they are (kind: whose download rule applies) and the secret
-- their download links are signed with.
CREATE TABLE outbound_files (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    person_id    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    secret       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    content      BLOB    NOT NULL
);

CREATE INDEX ix_outbound_files_created ON outbound_files (created_at);
