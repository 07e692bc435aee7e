-- Issue 10.3: the card that asks the current step of a person's dialog (the click on any other card is stale).
ALTER TABLE dialog_states ADD COLUMN card_id VARCHAR(64) NULL;
