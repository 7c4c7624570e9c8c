package dev.ingest.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.sources.contract.fake.HubSpotFake;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.contract.fake.StripeFake;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector key {@code deletes} on the built-in HubSpot and Stripe definitions, through the real job graph on a
 * MiniCluster against the providers' fakes: records the provider deleted (HubSpot's {@code archived=true} contacts,
 * Stripe's {@code customer.deleted} events) disappear from the upsert table of their target endpoint, read back with
 * Iceberg's reader, with exact counts.
 */
class ProviderDeletionsITCase {
  private static final String SECRET = "contract";

  @TempDir Path dir;

  @Test
  void archivedHubSpotContactsDisappearFromTheContactsTable() throws Exception {
    try (HubSpotFake fake = new HubSpotFake()) {
      fake.start();
      PipelineSpec pipeline = load(fake, """
            - {name: contacts, write_mode: upsert}
            - archived_contacts
          """);
      RunReport first = run(pipeline);
      assertThat(keys(pipeline, "contacts")).hasSize(7)
          .containsExactlyInAnyOrderElementsOf(ids(fake.expected("contacts")));
      assertThat(keys(pipeline, "archived_contacts")).hasSize(2); // archived before: no row of contacts had them

      List<String> archived = fake.archiveContacts(3);
      RunReport second = run(pipeline);
      assertThat(second.runId()).isNotEqualTo(first.runId());
      assertThat(keys(pipeline, "contacts")).as("contacts after 3 were archived").hasSize(4)
          .doesNotContainAnyElementsOf(archived)
          .containsExactlyInAnyOrderElementsOf(ids(fake.expected("contacts")));
      assertThat(keys(pipeline, "archived_contacts")).hasSize(2 + 5); // the archived list is read whole each run
    }
  }

  @Test
  void deletedStripeCustomersDisappearFromTheCustomersTable() throws Exception {
    try (StripeFake fake = new StripeFake()) {
      fake.start();
      PipelineSpec pipeline = load(fake, """
            - {name: customers, write_mode: upsert}
            - deleted_customers
          """);
      run(pipeline);
      assertThat(keys(pipeline, "customers")).hasSize(7)
          .containsExactlyInAnyOrderElementsOf(ids(fake.expected("customers")));
      assertThat(keys(pipeline, "deleted_customers")).hasSize(2);

      List<String> deleted = fake.deleteCustomers(3);
      run(pipeline);
      assertThat(keys(pipeline, "customers")).as("customers after 3 were deleted").hasSize(4)
          .doesNotContainAnyElementsOf(deleted)
          .containsExactlyInAnyOrderElementsOf(ids(fake.expected("customers")));
      // incremental from the first run's mark: the 3 new deletion events, plus at most the one at the mark
      assertThat(keys(pipeline, "deleted_customers")).hasSizeBetween(2 + 3, 2 + 3 + 1);
    }
  }

  @Test
  void aFullRefreshWithKeepDeletedMarksTheDeletedStripeCustomers() throws Exception {
    try (StripeFake fake = new StripeFake()) {
      fake.start();
      PipelineSpec pipeline = load(fake, """
            - {name: customers, write_mode: full_refresh, keep_deleted: true}
          """);
      RunReport first = run(pipeline);
      assertThat(marks(pipeline, "customers")).hasSize(7).allSatisfy((id, mark) -> assertThat(mark).isEqualTo("live"));

      List<String> deleted = fake.deleteCustomers(3);
      java.time.Instant before = java.time.Instant.now();
      RunReport second = run(pipeline);
      java.time.Instant after = java.time.Instant.now();
      java.util.Map<String, String> marks = marks(pipeline, "customers");
      assertThat(marks).hasSize(7);
      assertThat(marks.entrySet().stream().filter(e -> !e.getValue().equals("live")).map(java.util.Map.Entry::getKey))
          .containsExactlyInAnyOrderElementsOf(deleted);
      // marked with the start of the run that noticed: one instant, within the second run
      assertThat(deleted.stream().map(marks::get).distinct()).singleElement()
          .satisfies(at -> assertThat(java.time.Instant.parse(at)).isBetween(before, after));
      assertThat(first.runId()).isNotEqualTo(second.runId());
    }
  }

  /** Per {@code id}: "live", or the instant in {@code _ingest_deleted_at}; read with Iceberg's reader. */
  private static java.util.Map<String, String> marks(PipelineSpec pipeline, String endpoint) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    var table = Catalogs.open(pipeline.destination())
        .loadTable(TableIdentifier.of(Namespace.of(pipeline.name()), endpoint));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        Object at = row.getField("_ingest_deleted_at");
        assertThat(out.put(String.valueOf(row.getField("id")),
            at == null ? "live" : ((java.time.OffsetDateTime) at).toInstant().toString())).as("one row per id").isNull();
      }
    }
    return out;
  }

  private static List<String> ids(List<com.fasterxml.jackson.databind.JsonNode> records) {
    return records.stream().map(r -> r.get("id").asText()).toList();
  }

  private RunReport run(PipelineSpec pipeline) throws Exception {
    IngestHome home = new IngestHome(dir);
    RunReport report = new LocalPipelineRunner(home, new LocalFileSecretStoreProvider(home.secretsFile().toString()))
        .progress(false).runOnce(pipeline);
    assertThat(report.failed()).as("report %s", report).isFalse();
    return report;
  }

  private PipelineSpec load(ProviderFake fake, String endpoints) throws Exception {
    IngestHome home = new IngestHome(dir);
    new LocalFileSecretStore(home.secretsFile()).write(SECRET, fake.secret());
    return ContractPipelines.load(dir, home, fake, fake.connector() + "_deletes", SECRET, endpoints.stripTrailing());
  }

  /** The {@code id}s of the table's live rows, read with Iceberg's reader (deletes applied). */
  private static List<String> keys(PipelineSpec pipeline, String endpoint) throws Exception {
    List<String> keys = new ArrayList<>();
    var table = Catalogs.open(pipeline.destination())
        .loadTable(TableIdentifier.of(Namespace.of(pipeline.name()), endpoint));
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record row : rows) {
        keys.add(String.valueOf(row.getField("id")));
      }
    }
    return keys;
  }
}
