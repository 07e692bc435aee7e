-- Reports sent back by the reviewer (issue 15): the answers as the reviewer returned them, so that a resubmitted
-- report shows the reviewer what changed since the return. One row per return (the report's version when returned);
-- revision is the report's approved revision count then (a later approval makes the return history).
CREATE TABLE report_returns (
    report_id   INTEGER NOT NULL REFERENCES reports (id),
    version     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    reviewer_id TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    answers     TEXT    NOT NULL,
    returned_at TEXT    NOT NULL,
    PRIMARY KEY (report_id, version)
);
