package dev.ingest.control.deploy;

import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What deployer tests share: a sandbox API on loopback that requires a bearer token, a temporary Ingest home whose
 * encrypted secret store holds that token, pipeline definitions against the sandbox, and row counts of landed tables.
 */
public final class DeployFixture implements AutoCloseable {
  public static final String TOKEN = "sbx_deploy_CANARY_41f7";
  public static final String SECRET = "sandbox-deploy";

  private final IngestHome home;
  private final SandboxApi sandbox;

  public DeployFixture(Path dir) throws Exception {
    this.home = new IngestHome(dir);
    this.sandbox = SandboxApi.builder().port(0).requireBearerToken(TOKEN)
        .datasetSize(SandboxApi.TICKETS, 120).datasetSize(SandboxApi.CONTACTS, 80).build().start();
    secrets().open().write(SECRET, Map.of("token", TOKEN));
    // the sandbox listens on loopback: allowed explicitly, as an operator would (docs/reliability.md)
    Files.writeString(home.configFile(), "network: {allowed_hosts: [127.0.0.1]}\n");
  }

  public IngestHome home() {
    return home;
  }

  public SandboxApi sandbox() {
    return sandbox;
  }

  public SecretStoreProvider secrets() {
    return SecretSettings.provider(home, Map.of());
  }

  /**
   * A two-endpoint sandbox pipeline on {@code schedule} (6-field cron), checkpointing every second; both endpoints
   * append (stated: the tests count rows across runs).
   */
  public PipelineDefinition pipeline(String name, String schedule) {
    return new PipelineDefinition(name, """
        name: %s
        connector: sandbox
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [tickets, contacts]
        write_mode: append
        schedule: "%s"
        runtime:
          parallelism: 1
          checkpoint_interval: 1s
        """.formatted(name, sandbox.baseUrl(), SECRET, schedule));
  }

  /** Rows in {@code <pipeline>.<table>} as of its current snapshot (0 before the first commit). */
  public long rows(String pipeline, String table) {
    Catalog catalog = Catalogs.open(DestinationConfig.local(home.warehouse().toString()));
    TableIdentifier id = TableIdentifier.of(pipeline, table);
    if (!catalog.tableExists(id)) {
      return 0;
    }
    Snapshot snapshot = catalog.loadTable(id).currentSnapshot();
    return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
