-- Conversation references (Bot Framework): where the bot can write to a user or a group chat later, stored on every
-- inbound activity so prompts reach people after restarts and from any instance; whether the bot was blocked or
-- removed there; and the cards the bot sent, so that an answered card can be greyed out.
-- The natural keys are unique non-clustered indexes (up to 1700 bytes): Teams ids are long.
CREATE TABLE conversation_references (
    id                 BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    channel            NVARCHAR(32)      NOT NULL,
    channel_id         NVARCHAR(64)      NOT NULL,
    conversation_id    NVARCHAR(400)     NOT NULL,
    user_id            NVARCHAR(256)     NOT NULL,
    alternate_user_id  NVARCHAR(256)     NULL,
    is_group           BIT               NOT NULL,
    service_url        NVARCHAR(1000)    NOT NULL,
    tenant_id          NVARCHAR(128)     NULL,
    bot_id             NVARCHAR(256)     NULL,
    reference          NVARCHAR(MAX)     NOT NULL,
    updated_at         DATETIMEOFFSET(7) NOT NULL,
    unreachable        BIT               NOT NULL DEFAULT 0,
    unreachable_reason NVARCHAR(400)     NULL,
    unreachable_at     DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_conversation_references_key ON conversation_references (channel, channel_id, conversation_id, user_id);
CREATE INDEX ix_conversation_references_user ON conversation_references (channel, user_id);
CREATE INDEX ix_conversation_references_alternate ON conversation_references (channel, alternate_user_id);
CREATE INDEX ix_conversation_references_conversation ON conversation_references (channel, conversation_id);

CREATE TABLE sent_cards (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    channel         NVARCHAR(32)      NOT NULL,
    conversation_id NVARCHAR(400)     NOT NULL,
    activity_id     NVARCHAR(256)     NOT NULL,
    payload         NVARCHAR(MAX)     NOT NULL,
    sent_at         DATETIMEOFFSET(7) NOT NULL
);

CREATE UNIQUE INDEX ux_sent_cards_key ON sent_cards (channel, conversation_id, activity_id);
