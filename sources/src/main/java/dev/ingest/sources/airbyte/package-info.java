/**
 * Airbyte declarative manifests ({@code type: DeclarativeSource}) as connectors of this engine:
 * {@link dev.ingest.sources.airbyte.AirbyteManifests} loads a manifest file (references, parameters, refusals),
 * {@link dev.ingest.sources.airbyte.ManifestConnector} is the loaded manifest (streams runnable or not and why, the
 * credential form from {@code spec.connection_specification}, config checks, the translated
 * {@code ConnectorSpec}) and opens the {@code PageFetcherFactory} a pipeline runs on the one HTTP runtime.
 */
package dev.ingest.sources.airbyte;
