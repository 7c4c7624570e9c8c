package dev.ingest.sources.airbyte.runtime;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@code ParentStreamConfig} of a stream's {@code SubstreamPartitionRouter}: the parent stream, the parent
 * record field ({@code parent_key}, a dpath with {@code /}) whose value becomes
 * {@code stream_partition.<partition_field>}, and the optional {@code request_option} that sends it. The parent
 * record's fields arrive as the runtime's {@code parent.<dotted path>} fetch vars (as text).
 */
final class ParentConfig {
  private final Component config;

  private ParentConfig(Component config) {
    this.config = config;
  }

  /** The parent config of {@code stream}, if its retriever has a {@code SubstreamPartitionRouter}. */
  static Optional<ParentConfig> of(Component stream) {
    Component retriever = stream.child("retriever");
    Component router = retriever == null ? null : retriever.child("partition_router");
    if (router != null && router.node().isArray()) { // a list of one router is that router
      router = router.node().size() == 1 ? retriever.element("partition_router", 0) : null;
    }
    if (router == null || !router.type().equals("SubstreamPartitionRouter")) {
      return Optional.empty();
    }
    return Optional.of(new ParentConfig(router.element("parent_stream_configs", 0)));
  }

  Component stream() {
    return config.child("stream");
  }

  /** {@code incremental_dependency}: the parent is read from the child's mark (see {@link ParentMark}). */
  boolean incrementalDependency() {
    return config.field("incremental_dependency").asBoolean(false);
  }

  private String parentVar() {
    return "parent." + config.text("parent_key", "").replace('/', '.');
  }

  /** True when the parent record has the {@code parent_key} (Airbyte skips parent records without it). */
  boolean hasKey(Map<String, String> vars) {
    return vars.get(parentVar()) != null;
  }

  /**
   * {@code stream_partition} for one parent record: {@code {<partition_field>: value, parent_slice: <the partition
   * the parent record was read in, or {}>}}.
   */
  Map<String, Object> partition(Map<String, String> vars) {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put(config.text("partition_field", "partition"), vars.get(parentVar()));
    partition.put("parent_slice", ParentSlices.of(vars));
    return partition;
  }

  /** The request option sending the partition value, if any. */
  List<Map.Entry<Component, Object>> options(Map<String, String> vars) {
    Component option = config.child("request_option");
    if (option == null) {
      return List.of();
    }
    return List.of(new AbstractMap.SimpleImmutableEntry<>(option, vars.get(parentVar())));
  }
}
