/**
 * Loading Airbyte declarative manifests as Airbyte's CDK reads them: {@code $ref} / {@code #/...} references
 * resolved with a shallow merge of sibling keys ({@link dev.ingest.sources.airbyte.manifest.ManifestReferences}),
 * component types inferred from the parent field and {@code $parameters} propagated to children
 * ({@link dev.ingest.sources.airbyte.manifest.ManifestParameters}), and the load-time check that refuses components
 * the engine cannot run, naming their path ({@link dev.ingest.sources.airbyte.manifest.ComponentSupport}).
 */
package dev.ingest.sources.airbyte.manifest;
