-- Reports (issue 10 items 1 and 2): a version for optimistic concurrency (a change based on an older version is
-- refused), who made the last change, and everyone who wrote the content (none of them may review it).
ALTER TABLE reports ADD version INT NOT NULL CONSTRAINT df_reports_version DEFAULT 0;
ALTER TABLE reports ADD updated_by NVARCHAR(128) NULL;
ALTER TABLE reports ADD editors NVARCHAR(2000) NOT NULL CONSTRAINT df_reports_editors DEFAULT '';
