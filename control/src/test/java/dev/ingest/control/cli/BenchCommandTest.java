package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ./ingest bench} refuses bad options with a line naming the option, before it renders or starts anything. */
class BenchCommandTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void aCheckpointIntervalIsWrittenAsPipelinesWriteDurations() {
    int exit = IngestCli.execute(new String[] {"bench", "manifest", "--out", "/tmp/never.json",
        "--checkpoint-interval", "5x"});

    assertThat(exit).isEqualTo(IngestCli.INVALID);
    assertThat(console.err()).isEqualTo("--checkpoint-interval: expected a positive duration such as 500ms, 2s or "
        + "PT2S, got '5x'" + System.lineSeparator());
    assertThat(console.out()).isEmpty();
  }

  @Test
  void aZeroCheckpointIntervalIsRefused() {
    int exit = IngestCli.execute(new String[] {"bench", "e2e", "--out", "/tmp/never.json",
        "--checkpoint-interval", "0ms"});

    assertThat(exit).isEqualTo(IngestCli.INVALID);
    assertThat(console.err()).contains("--checkpoint-interval: expected a positive duration");
  }
}
