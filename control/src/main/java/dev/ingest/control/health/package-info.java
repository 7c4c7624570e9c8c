/**
 * Pipeline health: run results synced from each pipeline's runs table into the store, and a pure function that
 * judges health from the pipeline's state, the deployer's view of its job and its latest run.
 */
package dev.ingest.control.health;
