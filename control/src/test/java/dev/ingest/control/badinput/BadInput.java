package dev.ingest.control.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of the bad-input corpus ({@code src/test/resources/bad-input/{pipelines,connectors}/NN-name.yaml}).
 * Its first line says what the rejection must name: {@code # field: endpoints[1]} (the field path of the error) or
 * {@code # file: alias} (a whole-file problem: the message must contain the text). A second-line
 * {@code (pad-to: N)} asks the test to pad the file with comment lines to N bytes, so huge files are not committed.
 *
 * @param kind {@code pipelines} or {@code connectors}
 * @param name the file name
 * @param bytes the file's bytes, padded when asked
 * @param field the expected field path, or null for a whole-file problem
 * @param text for a whole-file problem, what the message must contain
 */
public record BadInput(String kind, String name, byte[] bytes, String field, String text) {
  private static final Pattern HEADER = Pattern.compile("# (field|file): (.+)");
  private static final Pattern PAD = Pattern.compile("pad-to: (\\d+)");

  public boolean isConnector() {
    return kind.equals("connectors");
  }

  /** Whether the definition names a connector file (the API refuses those before anything else). */
  public boolean namesConnectorFile() {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("\nconnector_file:");
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }

  public static Stream<BadInput> pipelines() {
    return load("pipelines");
  }

  public static Stream<BadInput> connectors() {
    return load("connectors");
  }

  private static Stream<BadInput> load(String kind) {
    try {
      Path dir = Path.of(Objects.requireNonNull(BadInput.class.getResource("/bad-input/" + kind)).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> sorted = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        return sorted.stream().map(f -> read(kind, f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadInput read(String kind, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String head = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\n", 3);
    Matcher m = HEADER.matcher(lines[0].trim());
    if (!m.matches()) {
      throw new IllegalStateException(file + ": first line must be '# field: PATH' or '# file: TEXT'");
    }
    Matcher pad = PAD.matcher(lines.length > 1 ? lines[1] : "");
    if (pad.find()) {
      bytes = padded(bytes, Integer.parseInt(pad.group(1)));
    }
    String name = file.getFileName().toString();
    return m.group(1).equals("field")
        ? new BadInput(kind, name, bytes, m.group(2).trim(), null)
        : new BadInput(kind, name, bytes, null, m.group(2).trim());
  }

  private static byte[] padded(byte[] bytes, int size) {
    byte[] line = ("# " + "padding ".repeat(12) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(bytes, Math.max(size, bytes.length));
    for (int at = bytes.length; at < out.length; at++) {
      out[at] = line[(at - bytes.length) % line.length];
    }
    out[out.length - 1] = '\n';
    return out;
  }
}
