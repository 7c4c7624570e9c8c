-- Version 5: run requests ("Run now" of a deployed pipeline) until their job has taken them, so a request survives
-- a control-plane restart. Ids increase across restarts (the next id is above every stored one). run_id is the run
-- that serves a request once the job reported it started. Portable SQL (PostgreSQL and H2).

CREATE TABLE run_requests (
  pipeline      VARCHAR(63)  NOT NULL,
  id            BIGINT       NOT NULL,
  requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  run_id        VARCHAR(128),
  PRIMARY KEY (pipeline, id)
);
