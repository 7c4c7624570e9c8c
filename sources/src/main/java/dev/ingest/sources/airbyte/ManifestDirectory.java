package dev.ingest.sources.airbyte;

import dev.ingest.sources.airbyte.runtime.Interpolation;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Airbyte manifests an installation offers by name, found in folders its operator names: each
 * {@code *.yaml}/{@code *.yml} file directly in a folder whose top says {@code type: DeclarativeSource}
 * ({@code source-mailgun.yaml} → {@code mailgun}), and each sub-folder's {@code manifest.yaml}, the layout of
 * Airbyte's own repository ({@code source-mailgun/manifest.yaml} → {@code mailgun}); names as
 * {@link AirbyteManifests#connectorName}. A pipeline then names one like a built-in connector
 * ({@code connector: mailgun}). A name a built-in connector already has is offered as {@code airbyte_<name>} (the
 * built-in keeps its name); two manifests with one name are refused naming both files. The scan only reads each
 * file's top-level {@code type}; a manifest is fully loaded (and refused with its component paths) when a pipeline
 * uses it.
 */
public final class ManifestDirectory {
  /** No manifests. */
  public static final ManifestDirectory EMPTY = new ManifestDirectory(Map.of());
  /** Manifests one installation offers at most (a guard against pointing at a huge tree). */
  static final int MAX_MANIFESTS = 2_000;
  private static final String PREFIX = "airbyte_";

  private static final Map<List<Object>, ManifestDirectory> SCANNED = new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, Path> byName;

  private ManifestDirectory(Map<String, Path> byName) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /**
   * Scans {@code folders} (in order) for manifests.
   *
   * @param field how the caller names the folder setting in errors ({@code config.yaml: airbyte.manifest_dirs})
   * @param reserved the built-in connector names a manifest must not take
   * @throws SpecException a folder missing or unreadable, two manifests with one name, too many manifests
   */
  public static ManifestDirectory scan(List<Path> folders, String field, Set<String> reserved)
      throws SpecException {
    Map<String, Path> found = new TreeMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      Path folder = folders.get(i);
      String at = field + "[" + i + "]";
      if (!Files.isDirectory(folder)) {
        errors.add(new FieldError(at, "not a folder: " + folder));
        continue;
      }
      List<Path> candidates;
      try (Stream<Path> entries = Files.list(folder)) {
        candidates = entries.sorted().toList();
      } catch (IOException e) {
        errors.add(new FieldError(at, "cannot list " + folder + ": " + e.getMessage()));
        continue;
      }
      for (Path entry : candidates) {
        Path file = Files.isDirectory(entry) ? entry.resolve("manifest.yaml") : entry;
        String fileName = file.getFileName().toString();
        if (!Files.isRegularFile(file) || !(fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
            || !AirbyteManifests.isManifest(file)) {
          continue;
        }
        String name = AirbyteManifests.connectorName(file);
        if (reserved.contains(name)) {
          name = PREFIX + name;
        }
        Path earlier = found.putIfAbsent(name, file);
        if (earlier != null) {
          errors.add(new FieldError(at, "two manifests are named '" + name + "': " + earlier + " and " + file
              + " (rename one file or folder)"));
        } else if (found.size() > MAX_MANIFESTS) {
          throw new SpecException(field, "", "more than " + MAX_MANIFESTS + " manifests in " + folders);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new SpecException(field, errors);
    }
    return new ManifestDirectory(found);
  }

  /**
   * {@link #scan}, remembered while no folder's modification time changes (a file added, removed or renamed
   * changes it): a control plane loads pipelines often, and a scan reads every file's top.
   */
  public static ManifestDirectory scanCached(List<Path> folders, String field, Set<String> reserved)
      throws SpecException {
    if (folders.isEmpty()) {
      return EMPTY;
    }
    List<Object> key = new ArrayList<>(List.of(field, Set.copyOf(reserved)));
    for (Path folder : folders) {
      key.add(folder.toAbsolutePath().normalize());
      try {
        key.add(Files.getLastModifiedTime(folder).toMillis());
      } catch (IOException e) {
        key.add(-1L); // scan() names the missing folder
      }
    }
    ManifestDirectory cached = SCANNED.get(key);
    if (cached != null) {
      return cached;
    }
    ManifestDirectory scanned = scan(folders, field, reserved);
    if (SCANNED.size() >= 64) {
      SCANNED.clear();
    }
    SCANNED.put(key, scanned);
    return scanned;
  }

  /** The manifest file offered as {@code name}. */
  public Optional<Path> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every name offered, sorted. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** Loads the manifest offered as {@code name}, with its name in this directory. */
  public ManifestConnector load(String name, Interpolation interpolation) throws SpecException {
    Path file = find(name).orElseThrow(() -> new SpecException(name, "", "no manifest named '" + name + "'"));
    return AirbyteManifests.load(file, name, interpolation);
  }

  @Override
  public String toString() {
    return "ManifestDirectory" + byName.keySet();
  }
}
