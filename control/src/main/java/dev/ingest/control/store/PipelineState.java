package dev.ingest.control.store;

/** What the operator asked for a pipeline: not deployed, deployed (running on its schedule), or paused. */
public enum PipelineState {
  /** Stored and valid, but no job exists. */
  UNDEPLOYED,
  /** Deployed: runs on its schedule. */
  DEPLOYED,
  /** Deployed but paused: no scheduled runs until resumed. */
  PAUSED
}
