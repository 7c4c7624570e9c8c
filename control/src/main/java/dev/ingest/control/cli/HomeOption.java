package dev.ingest.control.cli;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.SecretSettings;
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

  /** The secret store this home is configured with (encrypted local file store by default). */
  public SecretStoreProvider secrets() {
    return SecretSettings.provider(home());
  }
}
