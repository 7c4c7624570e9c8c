/**
 * The {@code local} deployer: a Flink cluster with its web UI in this process, pipelines compiled here and
 * submitted to it, savepoints and retained checkpoints under the Ingest home.
 */
package dev.ingest.control.deploy.local;
