package dev.ingest.sinks.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.FileIO;

/**
 * A {@link CatalogLoader} that keeps secrets out of the job graph: it carries the catalog implementation, the
 * non-secret properties and {@link SecretField} references, and reads the referenced secrets only in
 * {@link #loadCatalog()}, on whichever JVM opens the catalog. {@link #toString()} lists property names only.
 */
final class SecretResolvingCatalogLoader implements CatalogLoader {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String catalogImpl;
  private final Map<String, String> properties;
  private final List<SecretField> secretFields;
  private final CatalogSecrets secrets;

  SecretResolvingCatalogLoader(
      String name,
      String catalogImpl,
      Map<String, String> properties,
      List<SecretField> secretFields,
      CatalogSecrets secrets) {
    this.name = Objects.requireNonNull(name, "name");
    this.catalogImpl = Objects.requireNonNull(catalogImpl, "catalogImpl");
    this.properties = Map.copyOf(properties);
    this.secretFields = List.copyOf(secretFields);
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public Catalog loadCatalog() {
    return CatalogUtil.loadCatalog(catalogImpl, name, resolvedProperties(), new Configuration());
  }

  /** The catalog's FileIO as the catalog would build it (its {@code io-impl}, secrets read now). */
  FileIO loadFileIo() {
    Map<String, String> resolved = resolvedProperties();
    return CatalogUtil.loadFileIO(resolved.getOrDefault(CatalogProperties.FILE_IO_IMPL,
        "org.apache.iceberg.io.ResolvingFileIO"), resolved, new Configuration());
  }

  private Map<String, String> resolvedProperties() {
    Map<String, String> resolved = new HashMap<>(properties);
    Map<String, Map<String, String>> read = new HashMap<>();
    for (SecretField f : secretFields) {
      Map<String, String> secret = read.computeIfAbsent(f.secret(), secrets::read);
      String value = secret.get(f.field());
      if (value == null || value.isEmpty()) {
        if (f.required()) {
          throw new IllegalArgumentException("secret '" + f.secret() + "' has no field '" + f.field()
              + "' (needed for the catalog property " + f.property() + ")");
        }
        continue;
      }
      resolved.merge(f.property(), value, (a, b) -> a + ":" + b);
    }
    return resolved;
  }

  /** The property names the catalog is opened with (values are never exposed). */
  List<String> propertyNames() {
    return properties.keySet().stream().sorted().toList();
  }

  /** The non-secret value of a property, for tests and diagnostics. */
  String property(String key) {
    return properties.get(key);
  }

  @Override
  @SuppressWarnings({"checkstyle:NoClone", "checkstyle:SuperClone"})
  public CatalogLoader clone() {
    return new SecretResolvingCatalogLoader(name, catalogImpl, properties, secretFields, secrets);
  }

  @Override
  public String toString() {
    return "CatalogLoader[" + name + " " + catalogImpl + " properties=" + propertyNames() + " secrets="
        + secretFields.stream().map(f -> f.secret() + "." + f.field()).toList() + "]";
  }
}
