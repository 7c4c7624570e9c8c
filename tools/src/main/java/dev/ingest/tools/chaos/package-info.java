/**
 * Chaos harnesses behind {@code ./ingest chaos}: {@link dev.ingest.tools.chaos.ChaosHarness} (SIGKILL of a run, task
 * failures and Iceberg commit failures injected once per marker file) and {@link dev.ingest.tools.chaos.FaultStorm}
 * (a seeded storm of HTTP faults from the sandbox), each ending with a {@link dev.ingest.tools.chaos.TableAudit} of
 * every table by primary key against what the sandbox served.
 */
package dev.ingest.tools.chaos;
