package dev.ingest.sources.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads connector definitions from YAML and validates them. Every problem is reported at once in a
 * {@link SpecException}, each naming its dotted field path ({@code endpoints.tickets.paging.cursor_path: required}).
 *
 * <p>Parsing is defensive (the file may come from a user): strict UTF-8, at most 2 MiB, at most 40 levels of
 * nesting, one document, no YAML aliases, no duplicate keys.
 */
public final class ConnectorLoader {
  private ConnectorLoader() {}

  /** Loads a user's connector file ({@code connector_file: ./my.yaml} in a pipeline). */
  public static ConnectorSpec load(Path file) throws SpecException {
    String source = file.toString();
    try {
      if (Files.size(file) > SafeYaml.MAX_BYTES) {
        throw new SpecException(source, "", "file is larger than " + SafeYaml.MAX_BYTES + " bytes");
      }
      return parse(Files.readAllBytes(file), source);
    } catch (NoSuchFileException e) {
      throw new SpecException(source, "", "file not found");
    } catch (IOException e) {
      throw new SpecException(source, "", "cannot read the file: " + e.getMessage());
    }
  }

  /** Loads a connector from a stream (read fully, at most 2 MiB); {@code source} names it in errors. */
  public static ConnectorSpec load(InputStream in, String source) throws SpecException {
    try {
      byte[] bytes = in.readNBytes(SafeYaml.MAX_BYTES + 1);
      return parse(bytes, source);
    } catch (IOException e) {
      throw new SpecException(source, "", "cannot read: " + e.getMessage());
    }
  }

  /** Parses connector YAML given as bytes (which must be UTF-8). */
  public static ConnectorSpec parse(byte[] yaml, String source) throws SpecException {
    return ConnectorParser.parse(SafeYaml.read(yaml, source), source);
  }

  /** Parses connector YAML given as text. */
  public static ConnectorSpec parse(String yaml, String source) throws SpecException {
    return parse(yaml.getBytes(StandardCharsets.UTF_8), source);
  }
}
