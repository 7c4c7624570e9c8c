/**
 * Picks and opens the deployer: {@link dev.ingest.control.deployers.DeployerSettings} reads the {@code deployer:}
 * settings, {@link dev.ingest.control.deployers.OpenDeployer} opens the one they select with what it runs on. The
 * only package that knows every deployer implementation.
 */
package dev.ingest.control.deployers;
