package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Every command and subcommand registered under {@link IngestCli} answers {@code --help} with its usage and exit
 * code 0, without running. The commands are read from the picocli model, so a command added later is covered too.
 */
class IngestCliHelpTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  @Test
  void everyCommandAnswersHelpWithUsageAndExitZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new IngestCli()), new ArrayList<>(), paths);
    assertThat(paths).as("registered commands").contains(List.of("demo"), List.of("tables"),
        List.of("connectors"), List.of("run"), List.of("check"), List.of("secret"), List.of("secret", "set"),
        List.of("secret", "list"), List.of("secret", "rm"));

    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        console.reset();
        List<String> args = new ArrayList<>(path);
        args.add(flag);

        int exit = IngestCli.execute(args.toArray(String[]::new));

        String name = String.join(" ", path);
        assertThat(exit).as("exit of `ingest %s %s`; stderr: %s", name, flag, console.err()).isZero();
        assertThat(console.out()).as("usage of `ingest %s`", name).startsWith("Usage: ingest " + name)
            .contains("-h, --help");
        assertThat(console.err()).as("stderr of `ingest %s %s`", name, flag).isEmpty();
      }
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getKey().equals(sub.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> subPath = new ArrayList<>(path);
      subPath.add(sub.getKey());
      into.add(subPath);
      collect(sub.getValue(), subPath, into);
    }
  }
}
