package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.RecordSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a manifest stream's records can be cut out of each page's bytes ({@link RecordSelector#split}: no tree of
 * the records, the native endpoints' "parse once" path) instead of extracted from a tree of the whole body. Only
 * when nothing needs the records as trees: a {@code DpathExtractor} with a literal {@code field_path} of plain keys
 * (no {@code *}, no template), no record filter, no transformation, no {@code DatetimeBasedCursor}, and no template
 * of the stream reading the records through {@code response} (a template may read the rest of the body: the
 * envelope keeps it). Anything else keeps the tree path. A page whose records turn out not to be an array of objects
 * at that path falls back to the tree path for that page, so the two paths give the same records and errors.
 */
final class SplitPlan {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,128}");
  /** {@code response.key}, {@code response['key']}, {@code response["key"]}, or {@code response} alone. */
  private static final Pattern RESPONSE = Pattern.compile(
      "\\bresponse\\b(?:\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\s*\\[\\s*['\"]([^'\"]*)['\"]\\s*])?");

  private SplitPlan() {}

  /** The selector to split pages by, or empty to keep the tree path. */
  static Optional<RecordSelector> of(Component stream, Component extractor, boolean filtering,
      boolean transforming, boolean incremental) {
    if (filtering || transforming || incremental || extractor == null
        || !extractor.type().equals("DpathExtractor")) {
      return Optional.empty();
    }
    List<String> path = new ArrayList<>();
    for (JsonNode segment : extractor.field("field_path")) {
      if (!segment.isTextual() || !KEY.matcher(segment.textValue()).matches()) {
        return Optional.empty();
      }
      path.add(segment.textValue());
    }
    if (readsRecordsThroughResponse(stream.node().toString(), path)) {
      return Optional.empty();
    }
    return Optional.of(RecordSelector.of(path.isEmpty() ? "$" : String.join(".", path)));
  }

  /** True when a template in {@code text} may read the records at {@code path} through {@code response}. */
  static boolean readsRecordsThroughResponse(String text, List<String> path) {
    Matcher m = RESPONSE.matcher(text);
    while (m.find()) {
      String key = m.group(1) != null ? m.group(1) : m.group(2);
      if (key == null || path.isEmpty() || key.equals(path.get(0))) {
        return true; // response as a whole (| length, in, a dynamic index), or the records' own key
      }
    }
    return false;
  }
}
