-- The office's own holiday arrangements (issue 12 节假日): a year entered or uploaded on the console, kept as the same
-- YAML the shipped calendar uses, and layered over the shipped years at start-up. One row per year; the latest wins.
CREATE TABLE holiday_years (
    cal_year   INTEGER      NOT NULL PRIMARY KEY,
    yaml       TEXT         NOT NULL,
    entered_by VARCHAR(128) NOT NULL,
    entered_at TIMESTAMPTZ  NOT NULL
);
