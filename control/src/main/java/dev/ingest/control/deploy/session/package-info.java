/**
 * The {@code session} deployer: pipelines run on a Flink session cluster through its REST API (job jar upload,
 * run, stop-with-savepoint, status, cancel).
 */
package dev.ingest.control.deploy.session;
