/**
 * Plain values the store, the API and the deployers share: a pipeline as deployers receive it
 * ({@link dev.ingest.control.model.PipelineDefinition}), the handle of a deployed job
 * ({@link dev.ingest.control.model.Deployment}) and what that job is doing
 * ({@link dev.ingest.control.model.DeploymentStatus}). No behaviour beyond validation, no dependencies.
 */
package dev.ingest.control.model;
