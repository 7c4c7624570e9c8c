/**
 * The host side of a job: the Ingest home ({@link dev.ingest.jobs.IngestHome}) and its {@code config.yaml}
 * settings (network, secret store), and {@link dev.ingest.jobs.IngestJob}, the entry point clusters run. The home
 * turns into the {@link dev.ingest.jobs.spec.SpecDefaults} pipelines are loaded with; no package this one imports
 * imports it back.
 */
package dev.ingest.jobs;
