package dev.ingest.jobs.airbyte;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;

/**
 * Runs a corpus manifest, unmodified, as a pipeline once in this JVM (local Flink, Iceberg in a temporary home)
 * against a fake API ({@code config.url_base} pointing at it), and reads the landed tables back with Iceberg's
 * reader.
 */
final class ManifestPipelineRun {
  private final PipelineFixture fixture;

  ManifestPipelineRun(Path dir) throws Exception {
    fixture = new PipelineFixture(dir, null);
  }

  /** Stores {@code fields} as secret {@code name}. */
  ManifestPipelineRun secret(String name, Map<String, String> fields) throws Exception {
    new LocalFileSecretStore(fixture.home().secretsFile()).write(name, fields);
    return this;
  }

  /** The pipeline YAML of {@code manifest} with these config lines, secret and streams. */
  static String yaml(String name, String manifest, String configLines, String secret, List<String> streams) {
    return yaml(name, AirbyteCorpus.manifest(manifest), configLines, secret, streams);
  }

  /** As above, for a manifest file outside the corpus (a variant written by the test). */
  static String yaml(String name, Path manifest, String configLines, String secret, List<String> streams) {
    return """
        name: %s
        connector_file: %s
        config:
        %s
        %s
        endpoints: [%s]
        write_mode: append
        schedule: "0 * * * *"
        """.formatted(name, manifest, configLines.indent(2).stripTrailing(),
        secret == null ? "" : "credentials:\n  secret: " + secret, String.join(", ", streams));
  }

  /** The test's Ingest home and secret store. */
  PipelineFixture fixture() {
    return fixture;
  }

  PipelineSpec load(String yaml) throws Exception {
    return fixture.load(yaml);
  }

  /** Loads and runs the pipeline once. */
  PipelineSpec run(String yaml) throws Exception {
    PipelineSpec pipeline = fixture.load(yaml);
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    return pipeline;
  }

  List<Record> rows(PipelineSpec pipeline, String table) throws Exception {
    return fixture.rows(pipeline, table);
  }

  /** The value of {@code field} in every row, sorted. */
  List<Object> column(PipelineSpec pipeline, String table, String field) throws Exception {
    return rows(pipeline, table).stream().map(r -> r.getField(field)).map(v -> (Object) v)
        .sorted((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).collect(Collectors.toList());
  }

  /** The {@code _ingest_runs} rows of {@code endpoint}, oldest run first. */
  List<Record> runRows(PipelineSpec pipeline, String endpoint) throws Exception {
    return rows(pipeline, "_ingest_runs").stream().filter(r -> endpoint.equals(r.getField("endpoint")))
        .sorted(java.util.Comparator.comparing(r -> (java.time.OffsetDateTime) r.getField("started_at"))).toList();
  }

  /** The {@code _ingest_runs} row of {@code endpoint}. */
  Record runRow(PipelineSpec pipeline, String endpoint) throws Exception {
    List<Record> rows = runRows(pipeline, endpoint);
    if (rows.size() != 1) {
      throw new AssertionError("expected one run row of " + endpoint + ", got " + rows);
    }
    return rows.get(0);
  }
}
