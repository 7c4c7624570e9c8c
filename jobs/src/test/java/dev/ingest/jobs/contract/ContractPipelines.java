package dev.ingest.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.net.AddressPolicy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Pipelines of a built-in connector pointed at its provider fake, for the contract ITCases. */
final class ContractPipelines {
  private ContractPipelines() {}

  /**
   * Writes and loads the pipeline {@code name} of the fake's connector (its request budget lifted, see
   * {@link #unthrottled}) with the credential {@code secret} and the YAML list items {@code endpoints}.
   */
  static PipelineSpec load(Path dir, IngestHome home, ProviderFake fake, String name, String secret,
      String endpoints) throws Exception {
    String config = fake.config().entrySet().stream()
        .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n"));
    String yaml = """
        name: %s
        connector_file: %s
        config:
        %s
        credentials:
          secret: %s
        endpoints:
        %s
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 500ms}
        """.formatted(name, unthrottled(dir, fake.connector()), config, secret, endpoints);
    Path file = dir.resolve(fake.connector() + ".yaml");
    Files.createDirectories(dir);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new PipelineLoader(home.specDefaults(AddressPolicy.strict().allowingHost("127.0.0.1")))
        .load(file);
  }

  /**
   * The built-in definition of {@code connector} with its request budget lifted: the fakes' rate-limit behaviour is
   * proven in {@code ProviderContractTest} (on a fake clock), and here the real clock would only add minutes of
   * waiting (Linear's 0.4 requests/s, Slack's 0.8). Everything else is the definition as shipped.
   */
  private static Path unthrottled(Path dir, String connector) throws Exception {
    String yaml;
    try (InputStream in = ContractPipelines.class.getClassLoader()
        .getResourceAsStream("connectors/" + connector + ".yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String lifted = yaml.replaceFirst("(?m)^rate_limit:\\n(  .*\\n)+",
        "rate_limit:\n  requests_per_second: 10000\n  burst: 10000\n");
    assertThat(lifted).as("%s declares a rate_limit block", connector).isNotEqualTo(yaml);
    Path file = dir.resolve(connector + "-connector.yaml");
    Files.writeString(file, lifted, StandardCharsets.UTF_8);
    return file;
  }
}
