package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.store.Database;
import dev.ingest.control.store.PipelineStore;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.aws.FakeSecretsManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./ingest secret set|list|rm} in process: values come from stdin (JSON or key=value lines) or a terminal,
 * never from argv; {@code set} on an existing name replaces it; {@code list} names the pipelines (files and the
 * control store) that use each secret and never prints a value; {@code rm} refuses while a pipeline uses the
 * secret unless {@code --force}; bad input fails with exit 2 naming the cause.
 */
class SecretCommandTest {
  private static final String TOKEN = "tok-CANARY-5f1e9a";
  private static final String CLIENT_SECRET = "cs-CANARY-77b2c0";

  @TempDir Path home;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final StringBuilder allOutput = new StringBuilder();
  private InputStream originalIn;
  private java.util.function.Supplier<Optional<SecretInput.Terminal>> originalTerminal;

  @BeforeEach
  void noTerminal() {
    originalIn = System.in;
    originalTerminal = SecretSetCommand.terminal;
    SecretSetCommand.terminal = Optional::empty; // as when stdin is piped
  }

  @AfterEach
  void restore() {
    System.setIn(originalIn);
    SecretSetCommand.terminal = originalTerminal;
  }

  private int run(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    console.reset();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--home");
    all.add(home.toString());
    int exit = IngestCli.execute(all.toArray(String[]::new));
    allOutput.append(console.out()).append(console.err());
    return exit;
  }

  private SecretStore store() {
    return SecretSettings.provider(new IngestHome(home)).open();
  }

  @Test
  void setFromStdinJsonThenReadBackThroughTheStore() throws Exception {
    int exit = run("{\"token\": \"" + TOKEN + "\"}\n", "secret", "set", "crm");

    assertThat(exit).as("stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    assertThat(store().read("crm")).contains(Map.of("token", TOKEN));
    assertThat(console.out()).startsWith("stored secret 'crm' (fields: token) in the local encrypted store "
        + home.resolve("secrets.enc") + "\n")
        .contains("no pipeline uses it yet: name it in a pipeline with credentials: {secret: crm}");
    assertThat(Files.readAllBytes(home.resolve("secrets.enc"))).asString(StandardCharsets.ISO_8859_1)
        .doesNotContain(TOKEN);
    assertThat(allOutput).doesNotContain(TOKEN);
  }

  @Test
  void setOnAnExistingNameReplacesTheWholeSecret() throws Exception {
    assertThat(run("token=" + TOKEN + "\n", "secret", "set", "crm")).isEqualTo(IngestCli.OK);

    int exit = run("# rotated\nclient_id = app-1\n\nclient_secret=" + CLIENT_SECRET + "\n", "secret", "set", "crm");

    assertThat(exit).as("stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    assertThat(console.out()).startsWith("replaced secret 'crm' (fields: client_id, client_secret) in ");
    assertThat(store().read("crm")).contains(Map.of("client_id", "app-1", "client_secret", CLIENT_SECRET));
    assertThat(allOutput).doesNotContain(TOKEN).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void listShowsNamesAndThePipelinesUsingThemNeverAValue() throws Exception {
    filePipeline("demo", "crm");
    Files.writeString(home.resolve("pipelines/broken.yaml"), "name: broken\nconnector: nope\n");
    try (Database db = Database.open(StoreConfig.embedded(home.resolve("control")))) {
      new PipelineStore(db.dataSource(), Clock.systemUTC()).create("ops", pipelineJson("ops", "crm"));
      new PipelineStore(db.dataSource(), Clock.systemUTC()).create("billing", pipelineJson("billing", "stripe"));
    }
    assertThat(run("token=" + TOKEN, "secret", "set", "crm")).isEqualTo(IngestCli.OK);
    assertThat(console.out()).contains("used by: [demo (pipelines/demo.yaml, credentials), "
        + "ops (control store, credentials)]");
    assertThat(run("{\"client_secret\": \"" + CLIENT_SECRET + "\"}", "secret", "set", "orphan"))
        .isEqualTo(IngestCli.OK);

    int exit = run("", "secret", "list");

    assertThat(exit).as("stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    List<String> lines = console.out().lines().map(String::strip).collect(Collectors.toList());
    assertThat(lines).containsExactly(
        "secrets in the local encrypted store " + home.resolve("secrets.enc") + ":",
        String.format("%-32s %-9s %s", "secret", "stored", "used by"),
        String.format("%-32s %-9s %s", "crm", "yes",
            "demo (pipelines/demo.yaml, credentials), ops (control store, credentials)"),
        String.format("%-32s %-9s %s", "orphan", "yes", "-").strip(),
        String.format("%-32s %-9s %s", "stripe", "MISSING", "billing (control store, credentials)"));
    assertThat(console.err()).contains("warning: pipelines/broken.yaml: not read (")
        .contains("the secrets it names are not counted");
    assertThat(allOutput).doesNotContain(TOKEN).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void rmRefusesWhileAPipelineUsesTheSecretUnlessForced() throws Exception {
    filePipeline("demo", "crm");
    store().write("crm", Map.of("token", TOKEN));
    store().write("orphan", Map.of("token", TOKEN));

    assertThat(run("", "secret", "rm", "crm")).isEqualTo(IngestCli.FAILED);
    assertThat(console.err()).isEqualTo("secret 'crm' not removed: used by [demo (pipelines/demo.yaml, "
        + "credentials)]; point them at another secret first, or pass --force\n");
    assertThat(store().read("crm")).isPresent();

    assertThat(run("", "secret", "rm", "orphan")).isEqualTo(IngestCli.OK);
    assertThat(console.out()).isEqualTo("removed secret 'orphan' from the local encrypted store "
        + home.resolve("secrets.enc") + "\n");

    assertThat(run("", "secret", "rm", "crm", "--force")).isEqualTo(IngestCli.OK);
    assertThat(console.err()).contains("warning: [demo (pipelines/demo.yaml, credentials)] name it; their runs "
        + "will fail until it is stored again");
    assertThat(store().names()).isEmpty();

    assertThat(run("", "secret", "rm", "nope")).isEqualTo(IngestCli.FAILED);
    assertThat(console.err()).startsWith("no secret 'nope' in the local encrypted store ");
    assertThat(allOutput).doesNotContain(TOKEN);
  }

  @Test
  void noOptionOrParameterCanCarryAValue() throws Exception {
    CommandLine set = new CommandLine(new IngestCli()).getSubcommands().get("secret").getSubcommands().get("set");
    assertThat(set.getCommandSpec().positionalParameters()).extracting(p -> p.paramLabel()).containsExactly("NAME");
    assertThat(set.getCommandSpec().options()).extracting(o -> o.longestName())
        .containsExactlyInAnyOrder("--field", "--home", "--help", "--version");

    for (String[] args : List.of(new String[] {"secret", "set", "crm", "token=" + TOKEN},
        new String[] {"secret", "set", "crm", "--token", TOKEN},
        new String[] {"secret", "set", "crm", "--value=" + TOKEN},
        new String[] {"secret", "set", "token=" + TOKEN})) {
      assertThat(run("", args)).as("exit of %s", List.of(args)).isEqualTo(IngestCli.INVALID);
      assertThat(console.err()).as("stderr of %s", List.of(args)).containsAnyOf(
          "values are never taken from the command line", "'=' is not allowed here");
    }
    assertThat(store().names()).isEmpty();
    assertThat(allOutput).doesNotContain(TOKEN);
  }

  @Test
  void badInputFailsWithExitTwoNamingTheCause() throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("", "secret crm not stored: stdin is empty: send the fields as a JSON object {\"token\": \"...\"} or "
        + "as key=value lines, or run in a terminal to be asked for each value");
    cases.put("  \n\n", "secret crm not stored: stdin is empty");
    cases.put("{\"token\": \"" + TOKEN, "secret crm not stored: stdin: malformed JSON at line 1, column ");
    cases.put("{\"token\": 42}", "secret crm not stored: stdin: field 'token': expected a string value, got number");
    cases.put("[\"" + TOKEN + "\"]", "secret crm not stored: stdin: expected a JSON object of field names to "
        + "string values");
    cases.put("{}", "secret crm not stored: stdin: the JSON object has no fields");
    cases.put("token=a\n" + TOKEN + "\n", "secret crm not stored: stdin line 2: expected key=value");
    cases.put("=" + TOKEN, "secret crm not stored: stdin line 1: no field name before '='");
    cases.put("token=", "secret crm not stored: stdin line 1, field 'token': empty value for field 'token'");
    cases.put("token=a\ntoken=b", "secret crm not stored: stdin line 2, field 'token': field 'token' given twice");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(run(c.getKey(), "secret", "set", "crm")).as("exit for stdin %s", c.getKey())
          .isEqualTo(IngestCli.INVALID);
      assertThat(console.err()).as("stderr for stdin %s", c.getKey()).startsWith(c.getValue());
    }
    assertThat(run("user=a\n", "secret", "set", "crm", "--field", "token", "--field", "user"))
        .isEqualTo(IngestCli.INVALID);
    assertThat(console.err()).isEqualTo("secret crm not stored: stdin: missing field(s) named by --field: token "
        + "(given: user)\n");
    assertThat(store().names()).isEmpty();
    assertThat(allOutput).doesNotContain(TOKEN);
  }

  @Test
  void inATerminalEachNamedFieldIsAskedForWithoutEcho() throws Exception {
    List<String> prompts = new ArrayList<>();
    SecretSetCommand.terminal = () -> Optional.of(new SecretInput.Terminal() {
      @Override
      public String readLine(String prompt) {
        throw new AssertionError("asked for a line (echoed) instead of a value: " + prompt);
      }

      @Override
      public char[] readPassword(String prompt) {
        prompts.add(prompt);
        return (prompt.contains("client_id") ? "app-1" : CLIENT_SECRET).toCharArray();
      }
    });

    int exit = run("", "secret", "set", "oauth", "--field", "client_id", "--field", "client_secret");

    assertThat(exit).as("stderr: %s", console.err()).isEqualTo(IngestCli.OK);
    assertThat(prompts).containsExactly("value of client_id (not shown): ", "value of client_secret (not shown): ");
    assertThat(store().read("oauth")).contains(Map.of("client_id", "app-1", "client_secret", CLIENT_SECRET));
    assertThat(allOutput).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void worksAgainstAwsSecretsManagerWhenConfigured() throws Exception {
    try (FakeSecretsManager aws = new FakeSecretsManager("eu-west-1")) {
      Files.writeString(home.resolve("config.yaml"), "secrets: {type: aws, region: eu-west-1, endpoint: \""
          + aws.endpoint() + "\", prefix: team/}\n");
      FakeSecretsManager.withDefaultChainKeys(() -> {
        assertThat(run("token=" + TOKEN, "secret", "set", "crm")).as("stderr: %s", console.err())
            .isEqualTo(IngestCli.OK);
        assertThat(console.out()).startsWith("stored secret 'crm' (fields: token) in AWS Secrets Manager (region "
            + "eu-west-1, endpoint " + aws.endpoint() + ", prefix team/)");
        assertThat(aws.secretString("team/crm")).isEqualTo("{\"token\":\"" + TOKEN + "\"}");
        assertThat(run("token=rotated-" + TOKEN, "secret", "set", "crm")).isEqualTo(IngestCli.OK);
        assertThat(aws.secretString("team/crm")).isEqualTo("{\"token\":\"rotated-" + TOKEN + "\"}");

        assertThat(run("", "secret", "list")).isEqualTo(IngestCli.OK);
        assertThat(console.out()).containsPattern("crm\\s+yes\\s+-");
        assertThat(run("", "secret", "rm", "crm")).isEqualTo(IngestCli.OK);
        assertThat(aws.secretString("team/crm")).isNull();
      });
      assertThat(allOutput).doesNotContain(TOKEN);
    }
  }

  /** {@code pipelines/<name>.yaml} naming {@code secret}, in a home whose network settings allow loopback. */
  private void filePipeline(String name, String secret) throws Exception {
    Files.writeString(home.resolve("config.yaml"), "network: {allowed_hosts: [127.0.0.1]}\n");
    Files.createDirectories(home.resolve("pipelines"));
    Files.writeString(home.resolve("pipelines/" + name + ".yaml"), pipelineYaml(name, secret));
  }

  private static String pipelineYaml(String name, String secret) {
    return """
        name: %s
        connector: sandbox
        config: {base_url: "http://127.0.0.1:8089"}
        credentials: {secret: %s}
        endpoints: [tickets]
        schedule: "0 * * * *"
        """.formatted(name, secret);
  }

  private static String pipelineJson(String name, String secret) {
    return "{\"name\":\"" + name + "\",\"connector\":\"sandbox\",\"config\":{\"base_url\":\"http://127.0.0.1:8089\"},"
        + "\"credentials\":{\"secret\":\"" + secret + "\"},\"endpoints\":[\"tickets\"],\"schedule\":\"0 * * * *\"}";
  }
}
