-- Version 4.1: alerts (dev.ingest.control.alerts). Per-pipeline alert settings set through the API, every alert
-- raised (its key makes it raised once: one per failed run, one per stale spell), and each channel's delivery
-- (attempts, last error) so failures are visible. Portable SQL (PostgreSQL and H2).

CREATE TABLE alert_settings (
  pipeline    VARCHAR(63)    NOT NULL PRIMARY KEY,
  settings    VARCHAR(65536) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE alerts (
  pipeline    VARCHAR(63)   NOT NULL,
  alert_key   VARCHAR(256)  NOT NULL,
  kind        VARCHAR(32)   NOT NULL,
  run_id      VARCHAR(128),
  summary     VARCHAR(2048) NOT NULL,
  raised_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (pipeline, alert_key)
);

CREATE TABLE alert_deliveries (
  pipeline    VARCHAR(63)   NOT NULL,
  alert_key   VARCHAR(256)  NOT NULL,
  channel     VARCHAR(512)  NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  attempts    INT           NOT NULL,
  last_error  VARCHAR(2048),
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (pipeline, alert_key, channel)
);

CREATE INDEX alerts_by_time ON alerts (raised_at);
