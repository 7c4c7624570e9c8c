package dev.ingest.sources.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of connectors by name. {@link #builtIn()} holds the connectors bundled in the jar: the names listed in
 * {@code connectors/index.txt} on the classpath, each loaded from {@code connectors/<name>.yaml} (jar directories
 * cannot be listed, hence the index).
 */
public final class ConnectorCatalog {
  static final String INDEX = "connectors/index.txt";

  private final Map<String, ConnectorSpec> connectors;

  private ConnectorCatalog(Map<String, ConnectorSpec> connectors) {
    this.connectors = Collections.unmodifiableMap(connectors);
  }

  /** The built-in connectors, loaded once per class loader. */
  public static ConnectorCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /** A catalog of the given connectors (later ones win on a name clash). */
  public static ConnectorCatalog of(Collection<ConnectorSpec> specs) {
    Map<String, ConnectorSpec> map = new LinkedHashMap<>();
    specs.forEach(s -> map.put(s.name(), s));
    return new ConnectorCatalog(map);
  }

  /**
   * The connector called {@code name}.
   *
   * @throws SpecException at path {@code connector} naming the unknown connector and listing the known ones
   */
  public ConnectorSpec get(String name) throws SpecException {
    ConnectorSpec spec = connectors.get(name);
    if (spec == null) {
      throw new SpecException("connector catalog", "connector",
          "unknown connector '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return spec;
  }

  /** The connector called {@code name}, if known. */
  public Optional<ConnectorSpec> find(String name) {
    return Optional.ofNullable(connectors.get(name));
  }

  /** The connector names, in index order. */
  public List<String> names() {
    return List.copyOf(connectors.keySet());
  }

  /** All connectors, in index order. */
  public List<ConnectorSpec> all() {
    return List.copyOf(connectors.values());
  }

  /** Loads the index and every listed connector from {@code loader}. A bundled file that fails is a bug. */
  static ConnectorCatalog load(ClassLoader loader) {
    Map<String, ConnectorSpec> map = new LinkedHashMap<>();
    for (String name : readIndex(loader)) {
      String resource = "connectors/" + name + ".yaml";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(INDEX + " lists '" + name + "' but " + resource + " is missing");
        }
        ConnectorSpec spec = ConnectorLoader.load(in, "built-in connector " + resource);
        if (!spec.name().equals(name)) {
          throw new IllegalStateException(resource + " declares name '" + spec.name() + "'");
        }
        map.put(name, spec);
      } catch (SpecException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ConnectorCatalog(map);
  }

  private static List<String> readIndex(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(INDEX)) {
      if (in == null) {
        return names;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "ConnectorCatalog" + names();
  }

  private static final class BuiltIn {
    static final ConnectorCatalog CATALOG = load(ConnectorCatalog.class.getClassLoader());
  }
}
