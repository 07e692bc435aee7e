-- Meetings (issue 15): a substitute who cannot attend gives a reason (shown on the roster); the last meeting card with
-- choices sent to each person, so that on channels without buttons a numbered reply ("1", "2") answers it.
ALTER TABLE meeting_attendees ADD decline_reason NVARCHAR(400) NULL;

CREATE TABLE meeting_prompts (
    person_id NVARCHAR(128)     NOT NULL PRIMARY KEY,
    choices   NVARCHAR(MAX)     NOT NULL,
    sent_at   DATETIMEOFFSET(7) NOT NULL
);
