package dev.ingest.control.cli;

import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ingest secret rm NAME [--force]}: deletes a secret. Refused (exit 1) while a pipeline names it, since
 * that pipeline's next run would fail; {@code --force} deletes anyway and says which pipelines will fail.
 */
@Command(name = "rm", description = "Remove secret NAME; refused while a pipeline uses it unless --force.")
final class SecretRmCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "Secret name.") String name;

  @Option(names = "--force", description = "Remove even when pipelines use it (their runs will fail).")
  boolean force;

  @Mixin HomeOption homeOption;

  @Override
  public Integer call() {
    if (!SecretCommand.validName(name)) {
      return IngestCli.INVALID;
    }
    SecretUsage usage = SecretUsage.scan(homeOption.home(), System.getenv());
    usage.warnings().forEach(w -> System.err.println("warning: " + w));
    List<SecretUsage.Use> uses = usage.uses(name);
    if (!uses.isEmpty() && !force) {
      System.err.printf("secret '%s' not removed: used by %s; point them at another secret first, or pass --force%n",
          name, uses);
      return IngestCli.FAILED;
    }
    SecretStoreProvider provider = homeOption.secrets();
    boolean existed;
    try {
      existed = provider.open().delete(name);
    } catch (IOException | RuntimeException e) {
      System.err.println("secret " + name + " not removed: " + Failures.describe(e));
      return IngestCli.FAILED;
    }
    if (!existed) {
      System.err.printf("no secret '%s' in %s%n", name, SecretCommand.describe(provider));
      return IngestCli.FAILED;
    }
    System.out.printf("removed secret '%s' from %s%n", name, SecretCommand.describe(provider));
    if (!uses.isEmpty()) {
      System.err.printf("warning: %s name it; their runs will fail until it is stored again%n", uses);
    }
    return IngestCli.OK;
  }
}
