/**
 * The {@code local-runs} deployer: no long-running job; each cron tick runs the pipeline once as a bounded job on a
 * MiniCluster in this JVM.
 */
package dev.ingest.control.deploy.localrun;
