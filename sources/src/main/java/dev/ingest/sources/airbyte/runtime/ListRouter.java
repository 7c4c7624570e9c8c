package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageFetcher;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream's {@code ListPartitionRouter}: one partition per value of {@code values} (a list, or a template that
 * evaluates to one), seen as {@code stream_partition.<cursor_field>} and sent by the optional
 * {@code request_option}. The values are served as the records of a parent that makes no request, so the runtime's
 * parent/child walk (and its checkpointed nested cursor) iterates the partitions.
 */
final class ListRouter {
  static final String VALUE_VAR = "parent.value";
  private final Component router;

  private ListRouter(Component router) {
    this.router = router;
  }

  /** The list router of {@code stream}, if its retriever has one. */
  static Optional<ListRouter> of(Component stream) {
    Component retriever = stream.child("retriever");
    Component router = retriever == null ? null : retriever.child("partition_router");
    if (router == null || !router.type().equals("ListPartitionRouter")) {
      return Optional.empty();
    }
    return Optional.of(new ListRouter(router));
  }

  /** The partition values, in manifest order. */
  List<String> values(Templates templates, EvalContext context) {
    Object values = templates.value(router, "values", context);
    if (!(values instanceof List<?> list)) {
      throw router.refuse("ListPartitionRouter.values must be a list, got " + values);
    }
    List<String> texts = new ArrayList<>();
    list.forEach(v -> texts.add(Templates.asText(v)));
    return texts;
  }

  /** A fetcher with one page whose records are {@code {"value": <partition value>}}, without a request. */
  PageFetcher valuesFetcher(Templates templates, EvalContext context) {
    List<String> records = new ArrayList<>();
    for (String value : values(templates, context)) {
      records.add(Json.node(Map.of("value", value)).toString());
    }
    return cursor -> new Page(records, Optional.empty(), FetchStats.NONE);
  }

  /** {@code stream_partition} for one value: {@code {<cursor_field>: value}}. */
  Map<String, Object> partition(Map<String, String> vars) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put(router.text("cursor_field", "partition"), vars.get(VALUE_VAR));
    return partition;
  }

  /** The request option sending the value, if any. */
  List<Map.Entry<Component, Object>> options(Map<String, String> vars) {
    Component option = router.child("request_option");
    if (option == null) {
      return List.of();
    }
    return List.of(new AbstractMap.SimpleImmutableEntry<>(option, vars.get(VALUE_VAR)));
  }
}
