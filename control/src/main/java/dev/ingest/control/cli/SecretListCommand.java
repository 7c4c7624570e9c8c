package dev.ingest.control.cli;

import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./ingest secret list}: the names in the configured secret store and the pipelines that name each one
 * ({@link SecretUsage}), plus secrets a pipeline names that the store does not hold. Never a value.
 */
@Command(name = "list", description = "List secret names and the pipelines that use them (never values).")
final class SecretListCommand implements Callable<Integer> {
  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    SecretStoreProvider provider = homeOption.secrets();
    Set<String> stored;
    try {
      stored = provider.open().names();
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot list secrets in " + SecretCommand.describe(provider) + ": " + Failures.describe(e));
      return IngestCli.FAILED;
    }
    SecretUsage usage = SecretUsage.scan(homeOption.home(), System.getenv());
    Set<String> names = new TreeSet<>(stored);
    names.addAll(usage.bySecret().keySet());
    System.out.println("secrets in " + SecretCommand.describe(provider) + ":");
    if (names.isEmpty()) {
      System.out.println("  (none) store one with: ingest secret set NAME");
    } else {
      System.out.printf("  %-32s %-9s %s%n", "secret", "stored", "used by");
    }
    for (String name : names) {
      List<SecretUsage.Use> uses = usage.uses(name);
      System.out.printf("  %-32s %-9s %s%n", name, stored.contains(name) ? "yes" : "MISSING",
          uses.isEmpty() ? "-" : uses.stream().map(SecretUsage.Use::toString).collect(Collectors.joining(", ")));
    }
    usage.warnings().forEach(w -> System.err.println("warning: " + w));
    return IngestCli.OK;
  }
}
