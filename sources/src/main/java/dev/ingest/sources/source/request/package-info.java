/**
 * Run requests from the control plane to a deployed pipeline's job: what the enumerator reports
 * ({@link dev.ingest.sources.source.request.RunRequestMark}), how it asks for new requests
 * ({@link dev.ingest.sources.source.request.RunRequestClient}) and the one client there is, over the control API
 * ({@link dev.ingest.sources.source.request.ControlApiRunRequestClient}). Nothing here imports Flink.
 */
package dev.ingest.sources.source.request;
