-- The engine's last card per person (issue 15): the last card with choices sent to each person, whichever feature sent
-- it, so that on channels without buttons a numbered reply ("1", "2") answers that card and no older one. card_id is
-- set when the card asks a dialog step (only its dialog answers it). Replaces meeting_prompts, the meetings' own copy;
-- its rows carry over.
CREATE TABLE last_cards (
    person_id VARCHAR(128) NOT NULL PRIMARY KEY,
    choices   TEXT         NOT NULL,
    card_id   VARCHAR(64)  NULL,
    sent_at   TIMESTAMPTZ  NOT NULL
);

INSERT INTO last_cards (person_id, choices, card_id, sent_at) SELECT person_id, choices, NULL, sent_at FROM meeting_prompts;

DROP TABLE meeting_prompts;
