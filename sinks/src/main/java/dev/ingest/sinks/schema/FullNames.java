package dev.ingest.sinks.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg indexes every field by its dotted full name ({@code a.b}, {@code tags.element.name}) and rejects a
 * schema where two fields share one, which happens when a served name contains dots ({@code "a.b"} next to
 * {@code "a": {"b": …}}). This computes the names a field would claim, relative to its struct, so siblings can be
 * checked before the schema is built.
 */
final class FullNames {

  private FullNames() {}

  /** The field's own name followed by the dotted names of everything nested in it. */
  static List<String> of(String name, Type type) {
    List<String> out = new ArrayList<>();
    collect(name, type, out);
    return out;
  }

  /** Adds the names to {@code taken} and returns null, or returns the first clashing name, leaving it untouched. */
  static String claim(List<String> names, Set<String> taken) {
    for (String n : names) {
      if (taken.contains(n)) {
        return n;
      }
    }
    taken.addAll(names);
    return null;
  }

  private static void collect(String prefix, Type type, List<String> out) {
    out.add(prefix);
    if (type.isStructType()) {
      for (Types.NestedField f : type.asStructType().fields()) {
        collect(prefix + "." + f.name(), f.type(), out);
      }
    } else if (type.isListType()) {
      collect(prefix + ".element", type.asListType().elementType(), out);
    } else if (type.isMapType()) {
      collect(prefix + ".key", type.asMapType().keyType(), out);
      collect(prefix + ".value", type.asMapType().valueType(), out);
    }
  }
}
