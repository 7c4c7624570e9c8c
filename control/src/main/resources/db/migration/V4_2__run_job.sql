-- Version 4.2: the Flink job that ran each endpoint-run (from the flink.job-id of the runs-table snapshot that added
-- it), for the run detail page. Null when not known (rows recorded before, deployers without Flink job ids).
-- Portable SQL (PostgreSQL and H2).

ALTER TABLE runs ADD COLUMN job_id VARCHAR(64);
