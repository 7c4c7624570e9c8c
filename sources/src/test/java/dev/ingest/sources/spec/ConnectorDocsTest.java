package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/connectors/ matches the connector definitions. When a definition changes, this fails and prints the
 * command that regenerates the pages; running it with {@code -Dingest.docs.regenerate=true} rewrites them.
 */
class ConnectorDocsTest {
  static final String REGENERATE = "mvn -o -q -B -pl sources -am test -Dtest=ConnectorDocsTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dingest.docs.regenerate=true";
  private static final Path DOCS = Path.of("..", "docs", "connectors");

  @Test
  void everyConnectorPageIsUpToDate() throws Exception {
    Map<String, String> pages = ConnectorDocs.pages(ConnectorCatalog.builtIn());
    if (Boolean.getBoolean("ingest.docs.regenerate")) {
      ConnectorDocs.main(new String[] {DOCS.toString()});
    }
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Path file = DOCS.resolve(page.getKey());
      if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        stale.add(page.getKey());
      }
    }
    try (var listed = Files.list(DOCS)) {
      listed.map(p -> p.getFileName().toString()).filter(n -> !pages.containsKey(n)).forEach(n ->
          stale.add(n + " (no such connector: delete it)"));
    }
    assertThat(stale).as("docs/connectors/ is out of date; regenerate with:%n  %s%n", REGENERATE).isEmpty();
  }

  @Test
  void aPageShowsTheCredentialFormEndpointsAndIncrementalCursors() throws Exception {
    String page = ConnectorDocs.page(ConnectorCatalog.builtIn().get("stripe"));

    assertThat(page).contains("# stripe").contains("| `secret_key` | Secret or restricted API key | yes | yes |")
        .contains("| `charges` | GET `/charges` | `data` | `id` | `created` via `created[gte]`")
        .contains("body_cursor (last record's `id` → query `starting_after`), `limit`=100, ends when `has_more` is false")
        .contains("Stripe-Version: 2024-06-20");
  }
}
