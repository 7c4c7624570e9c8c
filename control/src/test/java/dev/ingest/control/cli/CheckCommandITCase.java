package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.contract.fake.StripeFake;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ingest check PIPELINE.yaml} against the Stripe provider fake: exit 0 when the key is accepted, 1 with
 * a clear auth message (and the credential form) when Stripe refuses it or the secret is missing, 2 for an
 * invalid pipeline. The key never appears in the output.
 */
class CheckCommandITCase {
  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;
  private StripeFake stripe;

  @BeforeEach
  void start() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    stripe = new StripeFake().start();
  }

  @AfterEach
  void stop() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    stripe.close();
  }

  private Path pipeline(String endpoints) throws Exception {
    // the fake listens on loopback, which the network policy refuses unless the operator allows it
    Files.writeString(home.resolve("config.yaml"), "network: {allowed_hosts: [\"127.0.0.1\"]}\n");
    Path file = home.resolve("stripe.yaml");
    Files.writeString(file, """
        name: payments
        connector: stripe
        config:
          base_url: %s
        credentials:
          secret: stripe-live
        endpoints: [%s]
        schedule: "0 * * * *"
        """.formatted(stripe.baseUrl(), endpoints));
    return file;
  }

  private void secret(String key) throws Exception {
    SecretSettings.provider(new IngestHome(home)).open().write("stripe-live", Map.of("secret_key", key));
  }

  private int check(Path file) {
    return IngestCli.execute("check", "--home", home.toString(), file.toString());
  }

  @Test
  void acceptedCredentialExitsZeroAfterOneRequest() throws Exception {
    secret(StripeFake.KEY);

    assertThat(check(pipeline("customers, charges"))).as("stderr: %s", err).isEqualTo(IngestCli.OK);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("pipeline payments is valid")
        .contains("ok: stripe accepted secret 'stripe-live': endpoint customers answered with 3 record(s)");
    assertThat(stripe.requests()).hasSize(1);
  }

  @Test
  void refusedCredentialExitsOneAndSaysSo() throws Exception {
    secret("sk_test_wrong_key_123");

    assertThat(check(pipeline("customers"))).isEqualTo(IngestCli.FAILED);

    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(stderr).contains("check failed: stripe rejected the credential in secret 'stripe-live' "
        + "(AUTH_FAILED) on endpoint customers").contains("401").contains("secret_key (Secret or restricted API key)")
        .doesNotContain("sk_test_wrong_key_123");
  }

  @Test
  void missingSecretExitsOne() throws Exception {
    assertThat(check(pipeline("customers"))).isEqualTo(IngestCli.FAILED);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("(CONFIG)").contains("stripe-live");
    assertThat(stripe.requests()).isEmpty();
  }

  @Test
  void invalidPipelineExitsTwoNamingTheField() throws Exception {
    secret(StripeFake.KEY);

    assertThat(check(pipeline("customers, refunds"))).isEqualTo(IngestCli.INVALID);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("endpoints[1]").contains("refunds");
    assertThat(stripe.requests()).isEmpty();
  }
}
