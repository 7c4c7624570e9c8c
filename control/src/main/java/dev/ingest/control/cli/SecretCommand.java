package dev.ingest.control.cli;

import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretNames;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.secret.aws.AwsSecretsManagerStoreProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./ingest secret set|list|rm}: credentials in the configured secret store (the encrypted local store by
 * default, AWS Secrets Manager when {@code secrets.type: aws}; docs/secrets.md). No subcommand takes a value on
 * the command line.
 */
@Command(name = "secret", description = "Store, rotate, list and remove credentials in the configured secret store.",
    subcommands = {SecretSetCommand.class, SecretListCommand.class, SecretRmCommand.class})
final class SecretCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Whether {@code command} is this command or one of its subcommands. */
  static boolean isUnder(CommandLine command) {
    for (CommandLine c = command; c != null; c = c.getParent()) {
      if (c.getCommand() instanceof SecretCommand) {
        return true;
      }
    }
    return false;
  }

  /**
   * Answers a command line the secret commands do not accept without quoting it (what was typed may be a
   * credential): what is wrong in general terms, and the usage. Exit code 2.
   */
  static int rejectArguments(CommandLine.ParameterException e) {
    CommandLine command = e.getCommandLine();
    String problem = e instanceof CommandLine.UnmatchedArgumentException
        ? "unexpected argument(s) or unknown option(s); values are never taken from the command line (send them on "
            + "stdin, or run in a terminal to be asked)"
        : e instanceof CommandLine.MissingParameterException ? "missing " + ((CommandLine.MissingParameterException) e)
            .getMissing().stream().map(a -> a instanceof CommandLine.Model.OptionSpec o ? o.longestName()
            : a.paramLabel()).toList()
        : "invalid arguments";
    command.getErr().println("ingest " + command.getCommandSpec().qualifiedName(" ").replaceFirst("^ingest ", "")
        + ": " + problem);
    command.usage(command.getErr());
    return IngestCli.INVALID;
  }

  /** Whether {@code name} is a valid secret name; when not, says why on stderr (without echoing it). */
  static boolean validName(String name) {
    try {
      SecretNames.check(name);
      return true;
    } catch (IllegalArgumentException e) {
      System.err.println("NAME: " + e.getMessage());
      return false;
    }
  }

  /** Where the secrets go, in words: no key, no value. */
  static String describe(SecretStoreProvider provider) {
    if (provider instanceof LocalFileSecretStoreProvider local) {
      return "the local encrypted store " + local.path();
    }
    if (provider instanceof AwsSecretsManagerStoreProvider aws) {
      return "AWS Secrets Manager (region " + aws.region() + aws.endpoint().map(e -> ", endpoint " + e).orElse("")
          + ", prefix " + aws.prefix() + ")";
    }
    return provider.toString();
  }
}
