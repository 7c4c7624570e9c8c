package dev.ingest.jobs;

import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A pipeline against a started {@link SandboxApi}, in a temporary Ingest home: writes the sandbox token to the
 * local secret store and the pipeline YAML to a file, loads it, and reads landed tables back with Iceberg's reader.
 */
public final class PipelineFixture {
  public static final String TOKEN = "sbx_test_token_3f1c";
  public static final String SECRET = "sandbox-test";

  private final IngestHome home;
  private final SandboxApi sandbox;

  public PipelineFixture(Path dir, SandboxApi sandbox) throws Exception {
    this.home = new IngestHome(dir);
    this.sandbox = sandbox;
    new LocalFileSecretStore(home.secretsFile()).write(SECRET, Map.of("token", TOKEN));
  }

  public IngestHome home() {
    return home;
  }

  public SecretStoreProvider secrets() {
    return new LocalFileSecretStoreProvider(home.secretsFile().toString());
  }

  /**
   * A sandbox pipeline YAML; {@code extra} is appended verbatim (e.g. a runtime block). Its endpoints append
   * (top-level {@code write_mode: append}: the tests count rows across runs) unless an endpoint entry names its own.
   */
  public String yaml(String name, List<String> endpoints, String schedule, String extra) {
    return """
        name: %s
        connector: sandbox
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [%s]
        write_mode: append
        schedule: "%s"
        %s
        """.formatted(name, sandbox.baseUrl(), SECRET, String.join(", ", endpoints), schedule, extra);
  }

  public PipelineSpec load(String yaml) throws Exception {
    Path file = home.root().resolve("pipeline-" + System.nanoTime() + ".yaml");
    Files.createDirectories(home.root());
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    // the tests' fake APIs listen on loopback: allowed explicitly, as an operator would
    return new PipelineLoader(home.specDefaults(AddressPolicy.strict().allowingHost("127.0.0.1")))
        .load(file);
  }

  public Catalog catalog(PipelineSpec pipeline) {
    return Catalogs.open(pipeline.destination());
  }

  public Table table(PipelineSpec pipeline, String table) {
    return catalog(pipeline).loadTable(TableIdentifier.of(Namespace.of(pipeline.name()), table));
  }

  /** Every row of the table, read with Iceberg's generic reader. */
  public List<Record> rows(PipelineSpec pipeline, String table) throws Exception {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table(pipeline, table)).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}
