package dev.ingest.control.cli;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorClient;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.EndpointCheck;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.List;

/**
 * Tests a pipeline's credential with one cheap request: the first page of one endpoint. It picks the pipeline's
 * first endpoint without a parent (a child's first page would walk its parent first), else the top ancestor of
 * its first endpoint. Retries are short (3 attempts, 30 s) so a check answers quickly.
 */
final class CredentialProbe {
  /** The dashboard's connection test retries the same way. */
  static final RetryPolicy CHECK_RETRIES = dev.ingest.control.connection.ConnectionTester.RETRIES;

  private CredentialProbe() {}

  /** The endpoint a check of {@code pipeline} requests. */
  static String probeEndpoint(PipelineSpec pipeline) {
    ConnectorSpec connector = pipeline.connector();
    List<String> selected = pipeline.endpointNames();
    for (String name : selected) {
      if (connector.endpoint(name).map(EndpointSpec::parent).isEmpty()) {
        return name;
      }
    }
    String name = selected.get(0);
    String parent = connector.endpoint(name).map(EndpointSpec::parent).orElse(null);
    while (parent != null) {
      name = parent;
      parent = connector.endpoint(name).map(EndpointSpec::parent).orElse(null);
    }
    return name;
  }

  /** Fetches the first page of the probe endpoint; never throws for an API failure. */
  static EndpointCheck run(PipelineSpec pipeline, SecretStoreProvider secrets) throws InterruptedException {
    PageFetcherFactory factory = new ConnectorPageFetcherFactory(pipeline.connector(), pipeline.config(),
        pipeline.credentialsSecret().orElse(null), secrets, CHECK_RETRIES);
    return new ConnectorClient(factory).check(List.of(probeEndpoint(pipeline))).get(0);
  }
}
