package dev.ingest.sinks.testing;

import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh local Iceberg warehouse in a temp directory, deleted afterwards. Register it as a field:
 * {@code @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();} (an instance
 * or a static field: it resets before each test either way). Part of the sinks test-jar for other modules.
 */
public final class TempWarehouseExtension implements BeforeEachCallback, AfterEachCallback {

  private Path dir;
  private final List<Catalog> opened = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("ingest-warehouse-");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    for (Catalog c : opened) {
      if (c instanceof Closeable closeable) {
        closeable.close();
      }
    }
    opened.clear();
    deleteRecursively(dir);
    dir = null;
  }

  /** The warehouse directory of the current test. */
  public Path path() {
    if (dir == null) {
      throw new IllegalStateException("TempWarehouseExtension is only usable inside a test");
    }
    return dir;
  }

  /** A {@code local} destination on the warehouse. */
  public DestinationConfig destination() {
    return DestinationConfig.local(path().toString());
  }

  /** A catalog loader for the warehouse, for Flink operators. */
  public CatalogLoader loader() {
    return Catalogs.loader(destination());
  }

  /** An open catalog on the warehouse, closed after the test. */
  public Catalog catalog() {
    Catalog c = Catalogs.open(destination());
    opened.add(c);
    return c;
  }

  /** Every row of the table's current snapshot, read with Iceberg's own generic reader. */
  public List<Record> readAll(TableIdentifier id) {
    Table table = catalog().loadTable(id);
    return readAll(table);
  }

  /** Every row of the table's current snapshot, read with Iceberg's own generic reader. */
  public static List<Record> readAll(Table table) {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
      for (Record r : it) {
        rows.add(r.copy());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
