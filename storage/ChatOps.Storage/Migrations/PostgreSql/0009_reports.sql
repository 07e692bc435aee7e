-- Reports (issue 10 items 1 and 2): a version for optimistic concurrency (a change based on an older version is
-- refused), who made the last change, and everyone who wrote the content (none of them may review it).
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN updated_by VARCHAR(128) NULL;
ALTER TABLE reports ADD COLUMN editors VARCHAR(2000) NOT NULL DEFAULT '';
