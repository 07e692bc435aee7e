-- Conversation references (Bot Framework): where the bot can write to a user or a group chat later, stored on every
-- inbound activity so prompts reach people after restarts and from any instance; whether the bot was blocked or
-- removed there; and the cards the bot sent, so that an answered card can be greyed out.
CREATE TABLE conversation_references (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    channel            TEXT    NOT NULL,
    channel_id         TEXT    NOT NULL,
    conversation_id    TEXT    NOT NULL,
    user_id            TEXT    NOT NULL,
    alternate_user_id  TEXT    NULL,
    is_group           INTEGER NOT NULL,
    service_url        TEXT    NOT NULL,
    tenant_id          TEXT    NULL,
    bot_id             TEXT    NULL,
    reference          TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    unreachable        INTEGER NOT NULL DEFAULT 0,
    unreachable_reason TEXT    NULL,
    unreachable_at     TEXT    NULL
);

CREATE UNIQUE INDEX ux_conversation_references_key ON conversation_references (channel, channel_id, conversation_id, user_id);
CREATE INDEX ix_conversation_references_user ON conversation_references (channel, user_id);
CREATE INDEX ix_conversation_references_alternate ON conversation_references (channel, alternate_user_id);
CREATE INDEX ix_conversation_references_conversation ON conversation_references (channel, conversation_id);

CREATE TABLE sent_cards (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    channel         TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    activity_id     TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    sent_at         TEXT    NOT NULL
);

CREATE UNIQUE INDEX ux_sent_cards_key ON sent_cards (channel, conversation_id, activity_id);
