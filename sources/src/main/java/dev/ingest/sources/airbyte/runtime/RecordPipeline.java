package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Airbyte's {@code RecordSelector} with the stream's {@code transformations}: extract ({@link DpathExtractor}),
 * keep the records {@code record_filter.condition} accepts (the record as {@code record}), then apply
 * {@code RemoveFields} and {@code AddFields} in order ({@link RecordTransformations}).
 */
final class RecordPipeline implements Serializable {
  private static final long serialVersionUID = 1L;
  private final DpathExtractor extractor;
  private final Component filter;
  private final RecordTransformations transformations;
  private final Templates templates;
  private final boolean filtering;

  RecordPipeline(DpathExtractor extractor, Component filter, RecordTransformations transformations,
      Templates templates) {
    this.extractor = extractor;
    this.filter = filter;
    this.transformations = transformations;
    this.templates = templates;
    this.filtering = filter != null && filter.has("condition") && !filter.text("condition", "").isEmpty();
  }

  /** True when a {@code record_filter} condition is set. */
  boolean filtering() {
    return filtering;
  }

  /** The extracted records (before filters): what {@code PageIncrement} and {@code OffsetIncrement} count. */
  List<JsonNode> extract(JsonNode body, EvalContext context) {
    return extractor.extract(body, context);
  }

  /** The records kept and transformed: fresh objects when transformed, else the extracted nodes themselves. */
  List<JsonNode> select(List<JsonNode> extracted, EvalContext context) {
    List<JsonNode> out = new ArrayList<>(extracted.size());
    for (JsonNode record : extracted) {
      if (!record.isObject()) {
        throw new IllegalArgumentException("a record is " + record.getNodeType().name().toLowerCase(
            java.util.Locale.ROOT) + ", not an object");
      }
      // the record as plain values only for a condition to see, and a copy only for transformations to change
      // (the extracted nodes belong to the page's body, which response templates read afterwards)
      if (filtering && !templates.condition(filter, "condition", context.withRecord(record), true)) {
        continue;
      }
      if (transformations.isEmpty()) {
        out.add(record);
        continue;
      }
      ObjectNode copy = ((ObjectNode) record).deepCopy();
      transformations.apply(copy, context);
      out.add(copy);
    }
    return out;
  }
}
