package dev.ingest.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OpenLineage dataset names of an endpoint: the API's base URL without secrets, the table's location. */
class LineageDatasetTest {
  @Test
  void theApiNamespaceKeepsSchemeHostPortAndPathOnly() {
    assertThat(LineageDataset.apiNamespace("https://user:pw@acme.zendesk.com/api/v2/?token=abc#x"))
        .isEqualTo("https://acme.zendesk.com/api/v2");
    assertThat(LineageDataset.apiNamespace("http://127.0.0.1:8089")).isEqualTo("http://127.0.0.1:8089");
    assertThat(LineageDataset.apiNamespace("HTTPS://api.hubapi.com/")).isEqualTo("https://api.hubapi.com");
  }

  @Test
  void tablesAreNamedByTheirLocation() {
    LineageDataset s3 = LineageDataset.of("tickets", "https://x.example.com", "crm.tickets",
        "s3://lake-bucket/warehouse/crm/tickets");
    LineageDataset local = LineageDataset.of("tickets", "https://x.example.com", "crm.tickets",
        "file:/home/ingest/warehouse/crm/tickets");
    LineageDataset plain = LineageDataset.of("tickets", "https://x.example.com", "crm.tickets",
        "/home/ingest/warehouse/crm/tickets");

    assertThat(s3.outputNamespace()).isEqualTo("s3://lake-bucket");
    assertThat(s3.outputName()).isEqualTo("/warehouse/crm/tickets");
    assertThat(local.outputNamespace()).isEqualTo("file");
    assertThat(local.outputName()).isEqualTo("/home/ingest/warehouse/crm/tickets");
    assertThat(plain.outputNamespace()).isEqualTo("file");
    assertThat(plain.outputName()).isEqualTo("/home/ingest/warehouse/crm/tickets");
  }
}
