package dev.ingest.sandbox;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The faults a test scripts into a running {@link SandboxApi} ({@code sandbox.faults()}). Thread-safe.
 *
 * <p>A fault is scripted for a resource ({@code "tickets"}) or for one lane of it ({@code "tickets@burst"}): requests
 * that send {@code X-Sandbox-Lane: burst} (a connector endpoint's static header). Lanes let one pipeline hit one
 * resource through many endpoints, each with its own faults.
 *
 * <p>For each request to a resource the plan picks at most one fault, in this order:
 * <ol>
 *   <li>the oldest queued one-shot fault ({@link #next}) for that resource or for any resource;
 *   <li>the permanent fault for that resource ({@link #always(String, Fault)}), then the one for any resource;
 *   <li>a fault storm ({@link #randomly}): with probability {@code rate} one fault of the mix, drawn from a
 *       {@code Random} seeded by the test, so a sequential run is reproducible.
 * </ol>
 * Resource names are checked when scripting, so a typo fails the test instead of silently never firing.
 */
public final class FaultPlan {
  /** The request header naming a request's lane. */
  public static final String LANE_HEADER = "X-Sandbox-Lane";

  private static final String ANY = "*";

  private final Set<String> resources;
  private final Deque<Queued> queued = new ArrayDeque<>();
  private final Map<String, Fault> permanent = new HashMap<>();
  private Storm storm;
  private int applied;
  private final Map<String, Integer> appliedByFault = new TreeMap<>();

  FaultPlan(Set<String> resources) {
    this.resources = Set.copyOf(resources);
  }

  /** Queues {@code faults}, in order, for the next requests to {@code resource}. */
  public synchronized FaultPlan next(String resource, Fault... faults) {
    String key = checkResource(resource);
    for (Fault fault : checkFaults(faults)) {
      queued.addLast(new Queued(key, fault));
    }
    return this;
  }

  /** Queues {@code faults}, in order, for the next requests to any resource. */
  public synchronized FaultPlan next(Fault... faults) {
    for (Fault fault : checkFaults(faults)) {
      queued.addLast(new Queued(ANY, fault));
    }
    return this;
  }

  /** Applies {@code fault} to every request to {@code resource} not served a queued fault, until {@link #clear()}. */
  public synchronized FaultPlan always(String resource, Fault fault) {
    permanent.put(checkResource(resource), Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Applies {@code fault} to every request to any resource not served a more specific fault. */
  public synchronized FaultPlan always(Fault fault) {
    permanent.put(ANY, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** A fault storm over all resources: each otherwise unfaulted request fails with probability {@code rate}. */
  public synchronized FaultPlan randomly(double rate, long seed, Fault... mix) {
    return storm(ANY, rate, seed, mix);
  }

  /** A fault storm over one resource. */
  public synchronized FaultPlan randomly(String resource, double rate, long seed, Fault... mix) {
    return storm(checkResource(resource), rate, seed, mix);
  }

  private FaultPlan storm(String key, double rate, long seed, Fault... mix) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
    }
    List<Fault> faults = checkFaults(mix);
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("randomly needs at least one fault");
    }
    storm = new Storm(key, rate, new Random(seed), faults);
    return this;
  }

  /** Drops every queued, permanent and random fault; the applied count is kept. */
  public synchronized void clear() {
    queued.clear();
    permanent.clear();
    storm = null;
  }

  /** Queued one-shot faults not applied yet. */
  public synchronized int pending() {
    return queued.size();
  }

  /** Faults applied so far ({@link Fault#none()} placeholders and reset replays not included). */
  public synchronized int appliedCount() {
    return applied;
  }

  /** Faults applied so far by fault ({@code "Fault.status(429).retryAfterSeconds(1)" → 12}), sorted by name. */
  public synchronized Map<String, Integer> appliedByFault() {
    return new TreeMap<>(appliedByFault);
  }

  /** The fault for one request to {@code resource}, if any; consumes one-shot faults. */
  synchronized Optional<Fault> take(String resource) {
    return take(resource, null);
  }

  /**
   * The fault for one request to {@code resource} sent in {@code lane} (the {@value #LANE_HEADER} header, may be
   * null), if any; consumes one-shot faults. Faults scripted for {@code resource@lane} apply to that lane only;
   * faults scripted for {@code resource} apply to every lane of it.
   */
  synchronized Optional<Fault> take(String resource, String lane) {
    Fault fault = pick(resource, lane == null || lane.isBlank() ? resource : resource + "@" + lane);
    if (fault != null && fault.kind() != Fault.Kind.NONE) {
      applied++;
      appliedByFault.merge(fault.toString(), 1, Integer::sum);
    }
    return Optional.ofNullable(fault);
  }

  private Fault pick(String resource, String key) {
    for (Iterator<Queued> it = queued.iterator(); it.hasNext(); ) {
      Queued entry = it.next();
      if (entry.matches(resource) || entry.resource.equals(key)) {
        it.remove();
        return entry.fault;
      }
    }
    Fault fault = permanent.get(key);
    if (fault == null) {
      fault = permanent.get(resource);
    }
    if (fault == null) {
      fault = permanent.get(ANY);
    }
    if (fault == null && storm != null
        && (storm.resource.equals(ANY) || storm.resource.equals(resource) || storm.resource.equals(key))) {
      fault = storm.draw();
    }
    return fault;
  }

  private String checkResource(String key) {
    int at = Objects.requireNonNull(key, "resource").indexOf('@');
    String resource = at < 0 ? key : key.substring(0, at);
    if (!resources.contains(resource)) {
      throw new IllegalArgumentException("unknown sandbox resource '" + resource + "', expected one of "
          + resources.stream().sorted().toList());
    }
    if (at >= 0 && key.substring(at + 1).isBlank()) {
      throw new IllegalArgumentException("blank lane in '" + key + "': expected resource@lane");
    }
    return key;
  }

  private static List<Fault> checkFaults(Fault[] faults) {
    List<Fault> list = Arrays.asList(Objects.requireNonNull(faults, "faults"));
    list.forEach(f -> Objects.requireNonNull(f, "fault"));
    return List.copyOf(list);
  }

  private record Queued(String resource, Fault fault) {
    boolean matches(String requested) {
      return resource.equals(ANY) || resource.equals(requested);
    }
  }

  private record Storm(String resource, double rate, Random random, List<Fault> mix) {
    Fault draw() {
      return random.nextDouble() < rate ? mix.get(random.nextInt(mix.size())) : null;
    }
  }
}
