-- Channel access tokens shared by every bot instance (WeCom access_token per corp and app; usable by any channel):
-- the token with its instants, and a refresh lease so only one instance calls the token endpoint at a time.
-- token is NULL after a compare-and-delete invalidation; the row stays for its lease.
CREATE TABLE access_tokens (
    cache_key    TEXT NOT NULL PRIMARY KEY,
    token        TEXT NULL,
    obtained_at  TEXT NULL,
    expires_at   TEXT NULL,
    lease_holder TEXT NULL,
    lease_until  TEXT NULL
);
