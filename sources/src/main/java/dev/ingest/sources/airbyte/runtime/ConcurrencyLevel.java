package dev.ingest.sources.airbyte.runtime;

/**
 * A manifest's {@code concurrency_level} ({@code ConcurrencyLevel}), read as how many pages of one stream partition
 * may be requested at once. Airbyte uses it as its number of worker threads (partitions and streams read at the
 * same time); the engine parallelizes streams and partitions with Flink's parallelism instead, and takes the level
 * as a hint for read-ahead of pages where the paging allows it (see {@link DefaultPaginator#randomAccess}).
 *
 * <p>{@code default_concurrency} is an integer or a template of the config ({@code "{{ config['workers'] }}"});
 * the level is at most {@code max_concurrency}, and never more than {@value #MAX}, the bound of a native
 * endpoint's {@code paging.parallel}. What Airbyte refuses in the component is refused when the manifest loads
 * ({@code ComponentSupport.concurrencyProblem}).
 */
final class ConcurrencyLevel {
  /** The most pages requested at once, as for a native endpoint's {@code paging.parallel}. */
  static final int MAX = 64;

  private ConcurrencyLevel() {}

  /**
   * The number of pages of one partition that may be in flight at once: 1 without a {@code concurrency_level},
   * else {@code default_concurrency} (evaluated with the config) capped by {@code max_concurrency} and
   * {@value #MAX}, and at least 1.
   *
   * @throws IllegalArgumentException naming the field when the level does not evaluate to an integer
   */
  static int pages(Component level, Templates templates, EvalContext context) {
    if (level == null) {
      return 1;
    }
    Long given = Truthiness.integer(templates.value(level, "default_concurrency", context), level,
        "default_concurrency");
    if (given == null) {
      throw level.refuse("default_concurrency: required");
    }
    long capped = given;
    if (level.field("max_concurrency").isIntegralNumber()) {
      capped = Math.min(capped, level.field("max_concurrency").asLong());
    }
    return (int) Math.max(1, Math.min(capped, MAX));
  }
}
