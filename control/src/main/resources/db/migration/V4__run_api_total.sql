-- Version 4: the total the API stated for the whole result (connector key total), beside rows_landed, as
-- _ingest_runs records it (api_total). Null when the API states none, and for runs recorded before.
-- Portable SQL (PostgreSQL and H2).

ALTER TABLE runs ADD COLUMN api_total BIGINT;
