package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option shared by commands; defaults to {@code $INGEST_HOME} or {@code ~/.ingest}. */
public final class HomeOption {
  @Option(names = "--home", description = "Ingest home (default: $INGEST_HOME or ~/.ingest)")
  Path home;

  public IngestHome home() {
    return home == null ? IngestHome.fromEnvironment() : new IngestHome(home);
  }

  public SecretStoreProvider secrets() {
    return new LocalFileSecretStoreProvider(home().secretsFile().toString());
  }
}
