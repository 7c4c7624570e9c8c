/**
 * Pipeline definitions: {@link dev.ingest.jobs.spec.PipelineLoader} reads a pipeline YAML with one parser per
 * top-level block into a validated {@link dev.ingest.jobs.spec.PipelineSpec}, reporting every problem with its
 * field path. It knows nothing of the host: the warehouse, catalog and network defaults arrive as
 * {@link dev.ingest.jobs.spec.SpecDefaults}.
 */
package dev.ingest.jobs.spec;
