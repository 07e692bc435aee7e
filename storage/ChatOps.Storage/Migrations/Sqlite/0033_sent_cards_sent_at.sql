-- Every card sent on Bot Framework first deletes the stored cards older than 30 days
-- (ConversationReferenceSql.PurgeSentCards, in ConversationReferenceStore.SaveSentCardAsync), and that read every
-- stored card: a circular to 2,000 people read the whole table 2,000 times. With this index it reads only the old ones.
CREATE INDEX ix_sent_cards_sent_at ON sent_cards (sent_at);
