package dev.ingest.control.cli;

import dev.ingest.sources.airbyte.AirbyteManifests;
import dev.ingest.sources.airbyte.CredentialForm;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.ManifestInspection;
import dev.ingest.sources.spec.SpecException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ingest connectors inspect MANIFEST}: every stream of an Airbyte manifest, whether it can run and why not
 * (the component path), its config and secret fields, and the credential form of its connection specification. A manifest refused as a whole (Python components) prints
 * every refusal and exits with the invalid-input code.
 */
@Command(name = "inspect", description = "List the streams of an Airbyte manifest: runnable or not, and why.")
final class ConnectorsInspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MANIFEST", description = "An Airbyte manifest.yaml (type: DeclarativeSource)")
  Path manifest;

  @Override
  public Integer call() {
    try {
      ManifestConnector connector = AirbyteManifests.load(manifest, AirbyteManifests.standardInterpolation());
      ManifestInspection.lines(connector).forEach(System.out::println);
      CredentialForm.of(connector.connectionSpecification()).lines().forEach(System.out::println);
      return IngestCli.OK;
    } catch (SpecException e) {
      System.err.println(e.getMessage());
      return IngestCli.INVALID;
    }
  }
}
