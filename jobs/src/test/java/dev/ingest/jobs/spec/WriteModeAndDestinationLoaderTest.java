package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write modes, keys, partitioning, destinations and maintenance settings in pipeline YAML. */
class WriteModeAndDestinationLoaderTest {
  @TempDir Path dir;

  /** A loader whose connectors may call loopback (these definitions use http://127.0.0.1:9999). */
  private PipelineLoader loader() {
    return new PipelineLoader(new SpecDefaults(dir.resolve("warehouse"), dir.resolve("catalog.db"),
        AddressPolicy.strict().allowingHost("127.0.0.1")));
  }

  private PipelineSpec load(String body) throws SpecException {
    String yaml = """
        name: demo
        connector: sandbox
        credentials: {secret: sandbox-demo}
        schedule: "*/15 * * * *"
        """ + body;
    return loader().parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  private List<String> errors(String body) {
    try {
      load(body);
    } catch (SpecException e) {
      return e.errors().stream().map(f -> f.path() + ": " + f.message()).toList();
    }
    throw new AssertionError("expected errors");
  }

  @Test
  void defaultWriteModeWithPerEndpointOverridesKeysAndPartitioning() throws Exception {
    PipelineSpec spec = load("""
        write_mode: full_refresh
        endpoints:
          - issues
          - {name: tickets, write_mode: upsert}
          - {name: contacts, write_mode: append, partition_by: "month(_ingested_at)"}
        maintenance: {snapshot_retention: 2d, retain_last: 3, target_file_size_mb: 64}
        """);
    assertThat(spec.endpoint("issues").writeMode()).isEqualTo(WriteMode.FULL_REFRESH);
    assertThat(spec.endpoint("tickets").writeMode()).isEqualTo(WriteMode.UPSERT);
    assertThat(spec.endpoint("tickets").primaryKey()).containsExactly("id"); // declared by the connector
    assertThat(spec.endpoint("tickets").layout().partitioning()).isEqualTo(Partitioning.NONE);
    assertThat(spec.endpoint("contacts").partitioning()).isEqualTo(Partitioning.of("_ingested_at", "month"));
    assertThat(spec.maintenance()).isEqualTo(new MaintenanceOptions(Duration.ofDays(2), 3, 64L << 20));
  }

  @Test
  void readsTheMaintenanceScheduleAndLeavesItOffByDefault() throws Exception {
    PipelineSpec spec = load("""
        endpoints: [tickets]
        maintenance: {after_commits: 20, every: 6h, check_interval: 5s, orphan_min_age: 2d}
        """);
    assertThat(spec.maintenance().schedule()).isEqualTo(
        new MaintenanceSchedule(20, Duration.ofHours(6), Duration.ofSeconds(5)));
    assertThat(spec.maintenance().schedule().enabled()).isTrue();
    assertThat(spec.maintenance().orphanMinAge()).isEqualTo(Duration.ofDays(2));
    assertThat(spec.maintenance().snapshotRetention()).isEqualTo(MaintenanceOptions.DEFAULTS.snapshotRetention());
    assertThat(load("endpoints: [tickets]\n").maintenance().schedule().enabled()).isFalse();
  }

  @Test
  void badMaintenanceSettingsNameTheField() {
    assertThat(errors("endpoints: [tickets]\nmaintenance: {after_commits: 0}\n"))
        .anyMatch(e -> e.startsWith("maintenance.after_commits: "));
    assertThat(errors("endpoints: [tickets]\nmaintenance: {check_interval: 10ms}\n"))
        .anyMatch(e -> e.startsWith("maintenance.check_interval: "));
    assertThat(errors("endpoints: [tickets]\nmaintenance: {cron: \"0 3 * * *\"}\n"))
        .anyMatch(e -> e.startsWith("maintenance.cron: "));
  }

  @Test
  void upsertWithoutAPrimaryKeyNamesTheField() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("keyless.yaml"), """
        name: keyless
        base_url: http://127.0.0.1:1
        endpoints:
          events: {path: /events, records: $, paging: {type: page_number, page_param: page}}
        """);
    String pipeline = """
        name: demo
        connector_file: keyless.yaml
        schedule: "*/15 * * * *"
        """;
    assertThat(errorsOf(pipeline + "endpoints: [{name: events, write_mode: upsert}]"))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints[0].primary_key: required for write_mode upsert"));
    assertThat(errorsOf(pipeline + "write_mode: upsert\nendpoints: [events]"))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints[0].primary_key: required"));
    assertThat(loader().parse("p.yaml",
        (pipeline + "endpoints: [{name: events, write_mode: upsert, primary_key: [event_id]}]")
            .getBytes(StandardCharsets.UTF_8), dir).endpoint("events").primaryKey()).containsExactly("event_id");
    assertThat(errorsOf(pipeline + "endpoints: [{name: events, write_mode: full_refresh, keep_deleted: true}]"))
        .containsExactly("endpoints[0].keep_deleted: needs a primary key to tell which rows disappeared: connector "
            + "keyless declares none for endpoint events; set endpoints[0].primary_key");
  }

  private List<String> errorsOf(String yaml) {
    try {
      loader().parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
    } catch (SpecException e) {
      return e.errors().stream().map(f -> f.path() + ": " + f.message()).toList();
    }
    throw new AssertionError("expected errors");
  }

  @Test
  void rejectsBadKeysPartitionsAndModes() {
    assertThat(errors("endpoints: [{name: contacts, write_mode: upsert, primary_key: [id], partition_by: \"day(updated_at)\"}]"))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints[0].partition_by: an upsert table can only be partitioned"));
    assertThat(errors("endpoints: [{name: contacts, primary_key: [id]}]"))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints[0].primary_key: only used with write_mode upsert"));
    assertThat(errors("endpoints: [{name: contacts, partition_by: \"week(x)\"}]"))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints[0].partition_by: expected none or TRANSFORM(column)"));
    assertThat(errors("write_mode: merge\nendpoints: [contacts]"))
        .anySatisfy(e -> assertThat(e).startsWith("write_mode: unknown write mode 'merge'"));
  }

  @Test
  void keepDeletedIsAFullRefreshOptionThatNeedsAKey() throws Exception {
    PipelineSpec spec = load("""
        endpoints:
          - {name: tickets, write_mode: full_refresh, keep_deleted: true}
          - {name: contacts, write_mode: full_refresh, keep_deleted: true, primary_key: [email]}
          - {name: issues, write_mode: full_refresh}
        """);
    assertThat(spec.endpoint("tickets").keepDeleted()).isTrue();
    assertThat(spec.endpoint("tickets").primaryKey()).containsExactly("id"); // declared by the connector
    assertThat(spec.endpoint("tickets").layout().keepsDeleted()).isTrue();
    assertThat(spec.endpoint("tickets").layout().partitionedByRun()).isTrue();
    assertThat(spec.endpoint("contacts").layout().primaryKey()).containsExactly("email");
    assertThat(spec.endpoint("issues").keepDeleted()).isFalse();
    assertThat(spec.endpoint("issues").layout().keepsDeleted()).isFalse();

    assertThat(errors("endpoints: [{name: tickets, write_mode: upsert, keep_deleted: true}]"))
        .containsExactly("endpoints[0].keep_deleted: only used with write_mode full_refresh (this endpoint is upsert)");
    assertThat(errors("endpoints: [{name: tickets, write_mode: append, keep_deleted: true}]"))
        .containsExactly("endpoints[0].keep_deleted: only used with write_mode full_refresh (this endpoint is append)");
    // tickets is not incremental, so it is a full refresh by default, and keep_deleted fits it
    assertThat(load("endpoints: [{name: tickets, keep_deleted: true}]").endpoint("tickets").keepDeleted()).isTrue();
    assertThat(errors("endpoints: [{name: tickets, write_mode: full_refresh, keep_deleted: yes please}]"))
        .containsExactly("endpoints[0].keep_deleted: expected true or false, got a string");
  }

  @Test
  void readsS3AndRestDestinationsWithSecretReferences() throws Exception {
    DestinationConfig s3 = load("""
        endpoints: [contacts]
        destination:
          type: s3
          warehouse: s3://lake/ingest
          s3: {endpoint: "http://127.0.0.1:9000", region: eu-west-1, path_style_access: true, credentials: {secret: lake-keys}}
        """).destination();
    assertThat(s3.properties()).containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("client.region", "eu-west-1").containsEntry("s3.path-style-access", "true");
    assertThat(s3.storageSecret()).isEqualTo("lake-keys");
    assertThat(s3.properties()).as("defaults for a custom endpoint are applied when the catalog is built")
        .doesNotContainKeys("s3.chunked-encoding-enabled", "ingest.s3.request-checksum-calculation");
    DestinationConfig chunked = load("""
        endpoints: [contacts]
        destination:
          type: s3
          warehouse: s3://lake/ingest
          s3: {endpoint: "http://127.0.0.1:9000", chunked_encoding: true, checksums: when_supported}
        """).destination();
    assertThat(chunked.properties()).containsEntry("s3.chunked-encoding-enabled", "true")
        .containsEntry("ingest.s3.request-checksum-calculation", "when_supported")
        .containsEntry("ingest.s3.response-checksum-validation", "when_supported");
    assertThat(s3.uri()).startsWith("jdbc:sqlite:").endsWith("catalog.db");

    DestinationConfig rest = load("""
        endpoints: [contacts]
        destination: {type: rest, uri: "https://polaris.example/api/catalog", warehouse: lake, credentials: {secret: polaris}}
        """).destination();
    assertThat(rest.catalogSecret()).isEqualTo("polaris");
    assertThat(rest.uri()).isEqualTo("https://polaris.example/api/catalog");

    DestinationConfig glue = load("""
        endpoints: [contacts]
        destination:
          type: glue
          warehouse: s3://lake/ingest
          glue: {endpoint: "https://vpce-1.glue.eu-west-1.vpce.amazonaws.com", catalog_id: "123456789012"}
          credentials: {secret: glue-keys}
        """).destination();
    assertThat(glue.properties()).containsEntry("glue.endpoint", "https://vpce-1.glue.eu-west-1.vpce.amazonaws.com")
        .containsEntry("glue.id", "123456789012");
    assertThat(glue.catalogSecret()).isEqualTo("glue-keys");
  }

  @Test
  void destinationErrorsNameTheFieldAndInlineCredentialsAreRefused() {
    assertThat(errors("endpoints: [contacts]\ndestination: {type: rest}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.uri: required"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: s3, warehouse: /tmp/x}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.warehouse: expected an s3:// location"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: glue, warehouse: s3://b/w, properties: {s3.secret-access-key: abc}}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.properties.s3.secret-access-key: looks like a credential"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: s3, warehouse: s3://b/w, glue: {endpoint: x}}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.glue: only for destination type glue"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: glue, warehouse: s3://b/w, credentials: {secret: a}, "
        + "s3: {credentials: {secret: b}}}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.s3.credentials: a glue destination signs"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: glue, warehouse: s3://b/w, glue: {region: x}}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.glue"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: s3, warehouse: s3://b/w, s3: {checksums: always}}"))
        .anySatisfy(e -> assertThat(e).isEqualTo(
            "destination.s3.checksums: expected when_required or when_supported, got 'always'"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: s3, warehouse: s3://b/w, s3: {chunked_encoding: \"false\"}}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.s3.chunked_encoding: expected true or false"));
    assertThat(errors("endpoints: [contacts]\ndestination: {type: oracle}"))
        .anySatisfy(e -> assertThat(e).startsWith("destination.type: unknown destination type 'oracle'"));
  }
}
