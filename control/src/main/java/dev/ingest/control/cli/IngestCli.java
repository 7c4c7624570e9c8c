package dev.ingest.control.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ./ingest} command line. Each subcommand is one class; exit codes: 0 success, 1 a run or check failed,
 * 2 invalid input (the message names the field). Every command and subcommand answers {@code --help} (the standard
 * help options are inherited).
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand, now and later, answers --help and --version
    version = "ingest 0.1.0",
    description = "Ingest: SaaS APIs to Apache Iceberg tables through Apache Flink.",
    subcommands = {DemoCommand.class, RunCommand.class, TablesCommand.class, ConnectorsCommand.class,
        UpCommand.class, BenchCommand.class, MaintainCommand.class, SnowflakeSqlCommand.class,
        DbtSourcesCommand.class, ChaosCommand.class, CheckCommand.class, SecretCommand.class})
public final class IngestCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new IngestCli()).setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
    return cli.setParameterExceptionHandler((e, given) -> SecretCommand.isUnder(e.getCommandLine())
        ? SecretCommand.rejectArguments(e) : standard.handleParseException(e, given)).execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
