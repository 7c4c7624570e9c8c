/**
 * What every deployer implements and shares: the {@link dev.ingest.control.deploy.Deployer} interface the control
 * API drives, its {@link dev.ingest.control.deploy.DeployException}, pipeline validation before any action, where
 * an upgrade starts from, polling and Flink web UI links. The implementations live in the subpackages and depend
 * on this one, never the other way round.
 */
package dev.ingest.control.deploy;
