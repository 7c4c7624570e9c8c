-- Version 3: response bytes after content decoding beside the wire bytes (runs.bytes), as _ingest_runs records
-- them (decoded_bytes). Null for runs recorded before. Portable SQL (PostgreSQL and H2).

ALTER TABLE runs ADD COLUMN decoded_bytes BIGINT;
