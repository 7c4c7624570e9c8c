package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.Console;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ingest secret set NAME [--field KEY]...}: creates or replaces (rotates) a secret. In a terminal it asks
 * for each value without echo; otherwise it reads standard input ({@link SecretInput}). The store replaces a
 * secret in one step (the local store swaps its file atomically under a lock; Secrets Manager moves
 * {@code AWSCURRENT} to a new version), so a reader sees the old fields or the new ones, never a mix.
 */
@Command(name = "set", description = {
    "Create or replace (rotate) secret NAME; values never come from the command line.",
    "In a terminal each value is asked for without echo. Otherwise stdin is read: a JSON object "
        + "{\"token\": \"...\"} or key=value lines, e.g. printf 'token=%%s\\n' \"$TOKEN\" | ingest secret set NAME"})
final class SecretSetCommand implements Callable<Integer> {
  /** The terminal to ask on, if this process has one; tests replace it. */
  static Supplier<Optional<SecretInput.Terminal>> terminal = SecretSetCommand::systemConsole;

  @Parameters(index = "0", paramLabel = "NAME", description = "Secret name, as a pipeline names it "
      + "(credentials: {secret: NAME}).")
  String name;

  @Option(names = "--field", paramLabel = "KEY", description = "A field to ask for (repeatable), e.g. --field token; "
      + "with stdin, a field that must be there. Names only: the value is asked for.")
  List<String> fields = new ArrayList<>();

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    if (!SecretCommand.validName(name)) {
      return IngestCli.INVALID;
    }
    if (name.contains("=")) {
      System.err.println("NAME: '=' is not allowed here: it looks like field=value, and values are never taken from "
          + "the command line (send them on stdin, or run in a terminal to be asked)");
      return IngestCli.INVALID;
    }
    Map<String, String> values;
    try {
      for (String field : fields) {
        SecretInput.checkFieldName(field, "--field");
      }
      Optional<SecretInput.Terminal> console = terminal.get();
      values = console.isPresent() ? SecretInput.prompt(console.get(), fields)
          : SecretInput.read(System.in, fields);
    } catch (SecretInput.InputException e) {
      System.err.println("secret " + name + " not stored: " + e.getMessage());
      return IngestCli.INVALID;
    } catch (IOException e) {
      System.err.println("secret " + name + " not stored: cannot read stdin (" + e.getClass().getSimpleName() + ")");
      return IngestCli.FAILED;
    }
    IngestHome home = homeOption.home();
    SecretStoreProvider provider = homeOption.secrets();
    boolean existed;
    try {
      SecretStore store = provider.open();
      existed = store.names().contains(name);
      store.write(name, values);
    } catch (IOException | RuntimeException e) {
      System.err.println("secret " + name + " not stored: " + Failures.describe(e));
      return IngestCli.FAILED;
    }
    System.out.printf("%s secret '%s' (fields: %s) in %s%n", existed ? "replaced" : "stored", name,
        String.join(", ", values.keySet()), SecretCommand.describe(provider));
    SecretUsage usage = SecretUsage.scan(home, System.getenv());
    if (usage.uses(name).isEmpty()) {
      System.out.printf("no pipeline uses it yet: name it in a pipeline with credentials: {secret: %s}%n", name);
    } else {
      System.out.println("used by: " + usage.uses(name).stream().map(SecretUsage.Use::toString).toList());
    }
    return IngestCli.OK;
  }

  private static Optional<SecretInput.Terminal> systemConsole() {
    Console console = System.console();
    if (console == null) {
      return Optional.empty();
    }
    return Optional.of(new SecretInput.Terminal() {
      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }

      @Override
      public char[] readPassword(String prompt) {
        return console.readPassword("%s", prompt);
      }
    });
  }
}
