package dev.ingest.sinks.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.io.FileIO;

/**
 * Tests a destination the way a run uses it, before a run: opens its catalog (the same loader and secrets as the
 * job) and loads the pipeline's namespace, then, where the job writes files itself (every type but {@code rest},
 * whose server vends storage access), writes a probe object under the warehouse through the same FileIO, reads
 * it back, compares the bytes and deletes it. A store that keeps the upload's {@code aws-chunked} framing (chunk
 * signatures, a checksum trailer) returns other bytes than were written: that is reported by name, with the
 * settings that fix it. Each step's outcome is one line; the first failure ends the probe.
 */
public final class DestinationProbe {
  private static final int PROBE_BYTES = 4096;

  private DestinationProbe() {}

  /** The outcome: what was checked, and the failure (naming the destination and its cause), if any. */
  public record Result(List<String> checked, String failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** Probes {@code d} for the pipeline whose namespace is {@code namespace}; never throws for a failing store. */
  public static Result run(DestinationConfig d, CatalogSecrets secrets, String namespace) {
    List<String> checked = new ArrayList<>();
    String where = d.type() + " destination " + describe(d);
    Catalog catalog;
    try {
      catalog = Catalogs.open(d, secrets);
    } catch (RuntimeException e) {
      return new Result(checked, where + ": cannot open the catalog: " + causes(e));
    }
    try {
      Namespace ns = Namespace.of(namespace);
      boolean exists = ((SupportsNamespaces) catalog).namespaceExists(ns);
      if (exists) {
        ((SupportsNamespaces) catalog).loadNamespaceMetadata(ns);
        checked.add("catalog answered: namespace " + ns + " exists with " + catalog.listTables(ns).size()
            + " table(s)");
      } else {
        checked.add("catalog answered: namespace " + ns + " does not exist yet (the first run creates it)");
      }
    } catch (RuntimeException e) {
      return new Result(checked, where + ": the catalog failed to load namespace " + namespace + ": " + causes(e));
    } finally {
      Catalogs.closeQuietly(catalog);
    }
    if (DestinationConfig.REST.equals(d.type()) || d.warehouse() == null) {
      return new Result(checked, null);
    }
    String failure = probeObject(d, secrets, checked);
    return new Result(checked, failure == null ? null : where + ": " + failure);
  }

  private static String probeObject(DestinationConfig d, CatalogSecrets secrets, List<String> checked) {
    String location = d.warehouse().replaceAll("/+$", "") + "/.ingest-probe-" + UUID.randomUUID() + ".txt";
    byte[] written = probeContent();
    FileIO io;
    try {
      io = Catalogs.fileIo(d, secrets);
    } catch (RuntimeException e) {
      return "cannot build the FileIO for " + d.warehouse() + ": " + causes(e);
    }
    try {
      try (OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
        out.write(written);
      } catch (IOException | RuntimeException e) {
        return "cannot write the probe object " + location + ": " + causes(e);
      }
      byte[] read;
      try (InputStream in = io.newInputFile(location).newStream()) {
        read = readAtMost(in, 2 * PROBE_BYTES);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(io, location);
        return "wrote but cannot read back the probe object " + location + ": " + causes(e);
      }
      try {
        io.deleteFile(location);
      } catch (RuntimeException e) {
        return "wrote and read back but cannot delete the probe object " + location + ": " + causes(e);
      }
      if (!Arrays.equals(written, read)) {
        return "the store returned " + read.length + " byte(s) for the " + written.length + "-byte probe object "
            + location + " (it begins with \"" + printable(read) + "\"): it keeps the upload's aws-chunked framing "
            + "or checksum trailer in the object, which corrupts Iceberg metadata; set "
            + "destination.s3.chunked_encoding: false and destination.s3.checksums: when_required";
      }
      checked.add("storage: wrote, read back and deleted a " + written.length + "-byte probe object under "
          + d.warehouse());
      return null;
    } finally {
      io.close();
    }
  }

  /** The destination for messages: its warehouse, S3 endpoint and catalog URI (no query string, no user info). */
  public static String describe(DestinationConfig d) {
    List<String> parts = new ArrayList<>();
    if (d.warehouse() != null) {
      parts.add(d.warehouse());
    }
    String endpoint = d.properties().get(Catalogs.S3_ENDPOINT);
    if (endpoint != null) {
      parts.add("endpoint " + withoutSecrets(endpoint));
    }
    if (d.uri() != null) {
      parts.add("catalog " + withoutSecrets(d.uri()));
    }
    return String.join(", ", parts);
  }

  private static String withoutSecrets(String uri) {
    String base = uri.replaceAll("[?;].*$", "");
    try {
      URI parsed = URI.create(base.startsWith("jdbc:") ? base.substring(5) : base);
      if (parsed.getUserInfo() != null) {
        return base.replace(parsed.getUserInfo() + "@", "");
      }
    } catch (IllegalArgumentException e) {
      // not a hierarchical URI: keep it without its query part
    }
    return base;
  }

  private static byte[] probeContent() {
    StringBuilder text = new StringBuilder("{\"ingest\":\"destination probe\",\"fill\":\"");
    while (text.length() < PROBE_BYTES - 2) {
      text.append((char) ('a' + text.length() % 26));
    }
    return text.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static String printable(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 48), StandardCharsets.US_ASCII);
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static void deleteQuietly(FileIO io, String location) {
    try {
      io.deleteFile(location);
    } catch (RuntimeException e) {
      // the read failure (or success) is what matters; a leftover probe object is harmless
    }
  }

  /** Every distinct message of the cause chain, outermost first, so the store's own answer is not lost. */
  static String causes(Throwable t) {
    Set<String> messages = new LinkedHashSet<>();
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      String m = c.getMessage();
      messages.add(c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
    }
    return String.join(" <- ", messages);
  }
}
