-- Reports sent back by the reviewer (issue 15): the answers as the reviewer returned them, so that a resubmitted
-- report shows the reviewer what changed since the return. One row per return (the report's version when returned);
-- revision is the report's approved revision count then (a later approval makes the return history).
CREATE TABLE report_returns (
    report_id   BIGINT            NOT NULL REFERENCES reports (id),
    version     INT               NOT NULL,
    revision    INT               NOT NULL,
    reviewer_id NVARCHAR(128)     NOT NULL,
    comment     NVARCHAR(1000)    NOT NULL,
    answers     NVARCHAR(MAX)     NOT NULL,
    returned_at DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (report_id, version)
);
