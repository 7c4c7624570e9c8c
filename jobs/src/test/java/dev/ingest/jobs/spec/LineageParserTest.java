package dev.ingest.jobs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.SpecException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lineage} block of a pipeline and the home's {@code lineage:} section. */
class LineageParserTest {
  private static final String PIPELINE = """
      name: demo
      connector: sandbox
      config: {base_url: "http://127.0.0.1:9999"}
      credentials: {secret: sandbox-demo}
      endpoints: [tickets]
      schedule: "*/15 * * * *"
      """;

  @TempDir Path dir;

  private PipelineSpec load(String extra, LineageOptions home) throws SpecException {
    PipelineLoader loader = new PipelineLoader(new SpecDefaults(dir.resolve("warehouse"), dir.resolve("catalog.db"),
        AddressPolicy.strict().allowingHost("127.0.0.1"), home));
    return loader.parse("test.yaml", (PIPELINE + extra).getBytes(StandardCharsets.UTF_8), dir);
  }

  @Test
  void isOffWithoutABlockOrHomeSettings() throws Exception {
    assertThat(load("", LineageOptions.OFF).lineage()).isEqualTo(LineageOptions.OFF);
    assertThat(LineageOptions.OFF.enabled()).isFalse();
  }

  @Test
  void readsTheBlock() throws Exception {
    LineageOptions lineage = load("lineage: {url: \"http://marquez:5000\", endpoint: /api/v1/lineage, "
        + "namespace: acme, api_key_secret: marquez-key, timeout_ms: 1500}\n", LineageOptions.OFF).lineage();

    assertThat(lineage.enabled()).isTrue();
    assertThat(lineage.url()).contains(URI.create("http://marquez:5000"));
    assertThat(lineage.endpoint()).contains("/api/v1/lineage");
    assertThat(lineage.namespace()).isEqualTo("acme");
    assertThat(lineage.apiKeySecret()).contains("marquez-key");
    assertThat(lineage.timeoutMillis()).isEqualTo(1500);
  }

  @Test
  void theHomeSettingsApplyAndThePipelineOverridesOrTurnsThemOff() throws Exception {
    LineageOptions home = LineageParser.fromSettings(
        Map.of("url", "https://lineage.example.com", "namespace", "prod", "api_key_secret", "ol"), "config.yaml");

    assertThat(load("", home).lineage()).isEqualTo(home);
    assertThat(load("lineage: {namespace: team_a}\n", home).lineage().namespace()).isEqualTo("team_a");
    assertThat(load("lineage: {namespace: team_a}\n", home).lineage().apiKeySecret()).contains("ol");
    assertThat(load("lineage: {enabled: false}\n", home).lineage()).isEqualTo(LineageOptions.OFF);
  }

  @Test
  void rejectsCredentialsInTheUrlWithoutEchoingThem() {
    assertThatThrownBy(() -> load("lineage: {url: \"https://user:s3cr3t@lineage.example.com\"}\n", LineageOptions.OFF))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("lineage.url: must not hold credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    assertThatThrownBy(() -> LineageParser.fromSettings(Map.of("url", "https://u:s3cr3t@x.example.com"), "config.yaml"))
        .hasMessage("config.yaml: lineage.url: must not hold credentials; name a secret in lineage.api_key_secret "
            + "instead");
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> load("lineage: {url: \"ftp://x\"}\n", LineageOptions.OFF))
        .hasMessageContaining("lineage.url: expected an http(s) URL, got 'ftp://x'");
    assertThatThrownBy(() -> load("lineage: {namespace: acme}\n", LineageOptions.OFF))
        .hasMessageContaining("lineage.url: required");
    assertThatThrownBy(() -> load("lineage: {url: \"http://x:1\", api_key_secret: \"sk live key!\"}\n",
        LineageOptions.OFF)).hasMessageContaining("lineage.api_key_secret: expected a secret name");
    assertThatThrownBy(() -> load("lineage: {url: \"http://x:1\", colour: red}\n", LineageOptions.OFF))
        .hasMessageContaining("lineage");
    assertThatThrownBy(() -> LineageParser.fromSettings(Map.of("url", "http://x:1", "timeout_ms", "soon"), "c.yaml"))
        .hasMessage("c.yaml: lineage.timeout_ms: expected milliseconds, got 'soon'");
  }
}
