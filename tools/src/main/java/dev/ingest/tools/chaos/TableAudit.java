package dev.ingest.tools.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Compares a landed table with what the API served, by primary key: {@code duplicates} counts live rows beyond the
 * first per key, {@code missing} counts served keys with no live row, {@code unexpected} counts keys never served.
 * Rows are read with Iceberg's own reader (equality deletes of upsert tables applied).
 */
public record TableAudit(String table, long served, long rows, long duplicates, long missing, long unexpected) {

  public static TableAudit of(Table table, String keyField, List<String> servedKeys) throws Exception {
    table.refresh();
    Map<String, Integer> counts = new HashMap<>();
    long rows = 0;
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record r : records) {
        counts.merge(String.valueOf(r.getField(keyField)), 1, Integer::sum);
        rows++;
      }
    }
    long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
    Set<String> served = new HashSet<>(servedKeys);
    long missing = served.stream().filter(k -> !counts.containsKey(k)).count();
    long unexpected = counts.keySet().stream().filter(k -> !served.contains(k)).count();
    return new TableAudit(table.name(), servedKeys.size(), rows, duplicates, missing, unexpected);
  }

  public boolean exact() {
    return duplicates == 0 && missing == 0 && unexpected == 0;
  }
}
