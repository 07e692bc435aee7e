-- Channel access tokens shared by every bot instance (WeCom access_token per corp and app; usable by any channel):
-- the token with its instants, and a refresh lease so only one instance calls the token endpoint at a time.
-- token is NULL after a compare-and-delete invalidation; the row stays for its lease.
CREATE TABLE access_tokens (
    cache_key    VARCHAR(256)      NOT NULL PRIMARY KEY,
    token        VARCHAR(2048)     NULL,
    obtained_at  TIMESTAMPTZ       NULL,
    expires_at   TIMESTAMPTZ       NULL,
    lease_holder VARCHAR(256)      NULL,
    lease_until  TIMESTAMPTZ       NULL
);
