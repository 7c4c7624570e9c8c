package dev.ingest.control.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.cli.ConsoleCapture;
import dev.ingest.control.cli.IngestCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the bad-input corpus through the CLI ({@code ./ingest run --once FILE}): exit code 2, the message
 * names the field (or the whole-file problem), nothing created in the warehouse and no checkpoint. The same
 * definitions through the control API are in {@link BadInputApiTest}.
 */
class BadInputCorpusTest {
  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  static Stream<BadInput> corpus() {
    return Stream.concat(BadInput.pipelines(), BadInput.connectors());
  }

  @Test
  void theCorpusHoldsAtLeastFortyDefinitionsOfBothKinds() {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(BadInput.pipelines()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(BadInput.connectors()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void theCliRejectsItNamingTheFieldAndCreatesNothing(BadInput input) throws IOException {
    Path home = dir.resolve("home");
    Path file = write(input);

    int exit = IngestCli.execute("run", "--once", "--home", home.toString(), file.toString());

    String stderr = console.err();
    assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(IngestCli.INVALID);
    if (input.field() != null) {
      assertThat(stderr).as("names the field").contains("  - " + input.field() + ": ");
    } else {
      String field = input.isConnector() ? "connector_file: " : "";
      assertThat(stderr).as("names the problem").contains(field).containsIgnoringCase(input.text());
    }
    assertThat(stderr).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(home.resolve("warehouse")).as("no table or namespace created").doesNotExist();
    assertThat(home.resolve("checkpoints")).as("no job started").doesNotExist();
  }

  /** The definition as a file; a connector file gets a pipeline that names it as its {@code connector_file}. */
  private Path write(BadInput input) throws IOException {
    Path file = dir.resolve(input.name());
    Files.write(file, input.bytes());
    if (!input.isConnector()) {
      return file;
    }
    Path pipeline = dir.resolve("pipeline-" + input.name());
    Files.writeString(pipeline, """
        name: bad_connector
        connector_file: %s
        endpoints: [items]
        schedule: "0 * * * *"
        """.formatted(file.getFileName()));
    return pipeline;
  }

}
