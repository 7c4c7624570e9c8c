package dev.ingest.sinks.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.schema.InferredType.ListOf;
import dev.ingest.sinks.schema.InferredType.Scalar;
import dev.ingest.sinks.schema.InferredType.Struct;
import dev.ingest.sinks.time.IsoTimestamps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers an endpoint table's data columns from sample records (JSON object texts).
 *
 * <p>Rules (see docs/tables.md): object → struct, array → list of the merged element type, string → string,
 * integral number → long, other number → double, boolean → boolean; null-only or absent → string. Integer and
 * double merge to double. A string field becomes {@code timestamptz} when every non-null sampled value is an ISO-8601
 * timestamp with an offset or {@code Z} ({@link IsoTimestamps#isTimestamptz}), {@code date} when every one is a
 * {@code yyyy-MM-dd} date; the two together, or with any other string, make a string column. The row converter
 * reads such values with the same parser, so every sampled value converts. Values that cannot share a type (number vs string, object vs scalar, mixed array
 * elements) make a string column that holds each value's JSON text. Every column is optional; field names are
 * kept as served, except the empty name and the metadata column names, which the converter sends to
 * {@code _ingest_extra}. Containers nested deeper than {@link #MAX_DEPTH} levels become string columns (JSON
 * text), and so do objects that were always empty. A field whose dotted full name is already taken (a served
 * {@code "a.b"} next to {@code "a": {"b": …}}) gets no column: the later one in first-appearance order goes to
 * {@code _ingest_extra}. Samples that are not JSON objects are skipped.
 */
public final class SchemaInference {

  /** Deepest struct/list nesting inferred; deeper subtrees are string columns holding JSON text. */
  public static final int MAX_DEPTH = 64;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInference.class);

  private SchemaInference() {}

  /** The data columns (no metadata columns) covering all sample records, with ids assigned in order. */
  public static Schema infer(List<String> jsonRecords) {
    Struct root = new Struct();
    int skipped = 0;
    for (String json : jsonRecords) {
      JsonNode record;
      try {
        record = JsonRecords.parseObject(json);
      } catch (Exception e) {
        skipped++;
        continue;
      }
      observeFields(root, record, 1, true);
    }
    if (skipped > 0) {
      LOG.info("schema inference skipped {} of {} samples that are not JSON objects", skipped, jsonRecords.size());
    }
    IdCounter ids = new IdCounter();
    return new Schema(toFields(root, ids));
  }

  private static void observeFields(Struct into, JsonNode object, int depth, boolean topLevel) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String name = e.getKey();
      if (name.isEmpty() || (topLevel && MetadataColumns.isMetadata(name))) {
        continue;
      }
      InferredType seen = observe(e.getValue(), depth);
      into.fields().merge(name, seen, InferredType::mergeField);
    }
  }

  private static InferredType observe(JsonNode node, int depth) {
    switch (node.getNodeType()) {
      case NULL:
      case MISSING:
        return InferredType.UNKNOWN;
      case BOOLEAN:
        return InferredType.BOOLEAN;
      case NUMBER:
        return node.isIntegralNumber() ? InferredType.LONG : InferredType.DOUBLE;
      case STRING:
        return textType(node.textValue());
      case OBJECT:
        if (depth > MAX_DEPTH) {
          return InferredType.STRING;
        }
        Struct struct = new Struct();
        observeFields(struct, node, depth + 1, false);
        return struct;
      case ARRAY:
        if (depth > MAX_DEPTH) {
          return InferredType.STRING;
        }
        InferredType element = InferredType.UNKNOWN;
        for (JsonNode item : node) {
          element = InferredType.merge(element, observe(item, depth + 1));
          if (element instanceof InferredType.Conflict) {
            return InferredType.CONFLICT;
          }
        }
        return new ListOf(element);
      default: // BINARY, POJO: not produced by parsing text
        return InferredType.STRING;
    }
  }

  private static InferredType textType(String text) {
    if (IsoTimestamps.isDate(text)) {
      return InferredType.DATE;
    }
    return IsoTimestamps.isTimestamptz(text) ? InferredType.TIMESTAMPTZ : InferredType.STRING;
  }

  private static List<Types.NestedField> toFields(Struct struct, IdCounter ids) {
    List<Types.NestedField> fields = new ArrayList<>(struct.fields().size());
    Set<String> taken = new HashSet<>();
    for (Map.Entry<String, InferredType> e : struct.fields().entrySet()) {
      int id = ids.next();
      Type type = toType(e.getValue(), ids);
      String clash = FullNames.claim(FullNames.of(e.getKey(), type), taken);
      if (clash != null) {
        LOG.warn("no column for field '{}': its dotted name '{}' is taken by another field; it goes to {}",
            e.getKey(), clash, MetadataColumns.EXTRA);
        continue;
      }
      fields.add(Types.NestedField.optional(id, e.getKey(), type));
    }
    return fields;
  }

  private static Type toType(InferredType t, IdCounter ids) {
    if (t instanceof Scalar s) {
      return switch (s.kind()) {
        case BOOLEAN -> Types.BooleanType.get();
        case LONG -> Types.LongType.get();
        case DOUBLE -> Types.DoubleType.get();
        case STRING -> Types.StringType.get();
        case TIMESTAMPTZ -> Types.TimestampType.withZone();
        case DATE -> Types.DateType.get();
      };
    }
    if (t instanceof ListOf l) {
      int elementId = ids.next();
      return Types.ListType.ofOptional(elementId, toType(l.element(), ids));
    }
    if (t instanceof Struct s && !s.fields().isEmpty()) {
      return Types.StructType.of(toFields(s, ids));
    }
    return Types.StringType.get(); // unknown, conflict, always-empty object
  }

  /** Field id source; ids start at 1 in depth-first order. */
  private static final class IdCounter {
    private int last;

    int next() {
      return ++last;
    }
  }
}
