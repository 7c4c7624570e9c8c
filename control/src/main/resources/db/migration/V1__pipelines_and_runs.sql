-- Ingest control-plane store, version 1: pipelines (versioned writes) and their run history.
-- Portable SQL: runs unchanged on PostgreSQL (production) and H2 (embedded default).

CREATE TABLE pipelines (
  name          VARCHAR(63)      NOT NULL PRIMARY KEY,
  definition    VARCHAR(1048576) NOT NULL,
  version       BIGINT           NOT NULL,
  state         VARCHAR(16)      NOT NULL,
  deployment_id VARCHAR(256),
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE runs (
  pipeline       VARCHAR(63)   NOT NULL,
  run_id         VARCHAR(128)  NOT NULL,
  endpoint       VARCHAR(256)  NOT NULL,
  run_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  duration_ms    BIGINT        NOT NULL,
  pages          BIGINT        NOT NULL,
  requests       BIGINT        NOT NULL,
  rows_landed    BIGINT        NOT NULL,
  bytes          BIGINT        NOT NULL,
  retries        BIGINT        NOT NULL,
  throttled      BIGINT        NOT NULL,
  waited_ms      BIGINT        NOT NULL,
  errors         BIGINT        NOT NULL,
  status         VARCHAR(32)   NOT NULL,
  error_class    VARCHAR(64),
  error_message  VARCHAR(8192),
  PRIMARY KEY (pipeline, run_id, endpoint)
);

CREATE INDEX runs_by_pipeline_time ON runs (pipeline, run_started_at);
