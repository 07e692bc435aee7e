-- The office's own holiday arrangements (issue 12 节假日): a year entered or uploaded on the console, kept as the same
-- YAML the shipped calendar uses, and layered over the shipped years at start-up. One row per year; the latest wins.
CREATE TABLE holiday_years (
    cal_year   INT               NOT NULL PRIMARY KEY,
    yaml       NVARCHAR(MAX)     NOT NULL,
    entered_by NVARCHAR(128)     NOT NULL,
    entered_at DATETIMEOFFSET(7) NOT NULL
);
