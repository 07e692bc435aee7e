-- Meetings (issue 15): a substitute who cannot attend gives a reason (shown on the roster); the last meeting card with
-- choices sent to each person, so that on channels without buttons a numbered reply ("1", "2") answers it.
ALTER TABLE meeting_attendees ADD COLUMN decline_reason VARCHAR(400) NULL;

CREATE TABLE meeting_prompts (
    person_id VARCHAR(128) NOT NULL PRIMARY KEY,
    choices   TEXT         NOT NULL,
    sent_at   TIMESTAMPTZ  NOT NULL
);
