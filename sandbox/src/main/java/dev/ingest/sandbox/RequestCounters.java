package dev.ingest.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests received, in total and per resource (every request counts: faulted, rejected and replayed ones too). */
final class RequestCounters {
  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, AtomicInteger> perResource = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  RequestCounters(Set<String> resources) {
    resources.forEach(resource -> perResource.put(resource, new AtomicInteger()));
  }

  /** Counts one request; {@code resource} is null when the path matched no resource. */
  void record(String resource) {
    total.incrementAndGet();
    if (resource != null) {
      perResource.get(resource).incrementAndGet();
    }
  }

  /** A request started being served. */
  void opened() {
    maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
  }

  /** A request finished being served. */
  void closed() {
    open.decrementAndGet();
  }

  /** The most requests ever served at the same time. */
  int maxConcurrent() {
    return maxOpen.get();
  }

  int total() {
    return total.get();
  }

  int of(String resource) {
    AtomicInteger count = perResource.get(resource);
    if (count == null) {
      throw new IllegalArgumentException("unknown sandbox resource '" + resource + "'");
    }
    return count.get();
  }
}
