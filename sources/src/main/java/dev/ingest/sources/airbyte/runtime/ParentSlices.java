package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stream_partition.parent_slice}: the partition a parent record was read in (Airbyte's
 * {@code parent_record.associated_slice.partition}), so a grandchild reaches its grandparent's value
 * ({@code stream_partition.parent_slice.parent_id}). A stream read as a parent tags each of its records with its
 * partition under {@value #FIELD}; the runtime turns records into {@code parent.*} vars (text, nested by dotted
 * path), from which {@link #of} rebuilds the mapping. Parent records are never landed, so the tag is not either.
 */
final class ParentSlices {
  static final String FIELD = "__ingest_partition";
  private static final String PREFIX = "parent." + FIELD + ".";

  private ParentSlices() {}

  /** {@code fetcher}, each record of its pages carrying {@code partition} under {@value #FIELD}. */
  static PageFetcher tagging(PageFetcher fetcher, Map<String, Object> partition) {
    JsonNode tag = Json.node(partition);
    return new PageFetcher() {
      @Override
      public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
        Page page = fetcher.fetch(cursor);
        List<String> tagged = new ArrayList<>(page.size());
        for (String record : page.records()) {
          tagged.add(tag(record, tag));
        }
        return new Page(tagged, page.next(), page.stats(), page.cursorMax(), page.apiTotal());
      }

      @Override
      public void close() {
        fetcher.close();
      }

      @Override
      public String toString() {
        return fetcher.toString();
      }
    };
  }

  private static String tag(String record, JsonNode tag) throws EndpointException {
    try {
      JsonNode node = JsonBodies.parse(record.getBytes(StandardCharsets.UTF_8));
      if (!(node instanceof ObjectNode object)) {
        return record; // not a parent record the runtime can read; it reports that itself
      }
      object.set(FIELD, tag);
      return object.toString();
    } catch (IOException e) {
      throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, "a parent record is not JSON");
    }
  }

  /** The partition of the parent record whose vars these are, as a nested mapping of text; empty for none. */
  static Map<String, Object> of(Map<String, String> parentVars) {
    Map<String, Object> slice = new LinkedHashMap<>();
    for (Map.Entry<String, String> var : parentVars.entrySet()) {
      if (!var.getKey().startsWith(PREFIX)) {
        continue;
      }
      String[] path = var.getKey().substring(PREFIX.length()).split("\\.");
      Map<String, Object> at = slice;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        if (!(next instanceof Map<?, ?>)) {
          break;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) next;
        at = child;
      }
      at.put(path[path.length - 1], var.getValue());
    }
    return slice;
  }
}
