package dev.ingest.control.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The control plane's ledger of credentials' rate budgets: who holds which share of each, until when.
 *
 * <p><b>Invariant.</b> The shares of a budget's live leases never add up to more than its limit: the lowest
 * {@code declared_per_second} of its live holders, or the rate the API itself stated in its headers (a quota with
 * its window's length, {@code stated_per_second}, the latest report) when that is lower. A holder asks every third of {@link #ttl}; it gets
 * {@code min(limit / holders, limit − others' shares)}, so a newcomer's share comes free as the others renew down to
 * the fair one, and a holder that stops asking (done, crashed) loses its share when its lease expires.
 *
 * <p><b>Restart.</b> The ledger lives in the control plane's memory: a lease lasts seconds, so storing it would
 * outlive its use. After a restart, for one {@link #ttl}, a renewing holder keeps the share it says it holds (as far
 * as the limit allows) and newcomers wait, so leases granted before the restart are never granted twice.
 */
public final class RateBudgetBook {
  /** How long a lease lasts unless told otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(3);
  /** Budgets kept at most (a guard against callers inventing keys). */
  static final int MAX_BUDGETS = 10_000;
  /** Holders per budget at most. */
  static final int MAX_HOLDERS = 1_000;

  private final Clock clock;
  private final Duration ttl;
  private final long warmUntilMs;
  private final Map<String, Budget> budgets = new HashMap<>();

  public RateBudgetBook(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.toMillis() < 150) {
      throw new IllegalArgumentException("rate lease ttl must be at least 150 ms, got " + ttl);
    }
    this.ttl = ttl;
    this.warmUntilMs = clock.millis() + ttl.toMillis();
  }

  /**
   * A lease request.
   *
   * @param statedPerSecond the rate the API's headers stated to this holder, if they did
   */
  public record Request(String holder, double declaredPerSecond, double heldPerSecond, long pauseUntilMs,
      OptionalLong learnedLimit, OptionalDouble statedPerSecond) {
    public Request {
      statedPerSecond = statedPerSecond.isPresent() && statedPerSecond.getAsDouble() > 0
          && Double.isFinite(statedPerSecond.getAsDouble()) ? statedPerSecond : OptionalDouble.empty();
    }

    /** A request whose holder learned no stated rate. */
    public Request(String holder, double declaredPerSecond, double heldPerSecond, long pauseUntilMs,
        OptionalLong learnedLimit) {
      this(holder, declaredPerSecond, heldPerSecond, pauseUntilMs, learnedLimit, OptionalDouble.empty());
    }
  }

  /** A granted lease. */
  public record Grant(double perSecond, Duration ttl, int holders, long pauseUntilMs) {}

  /**
   * One budget's state, for the listing.
   *
   * @param limitPerSecond the limit shares are cut from: the lowest declared one, or the stated rate if lower
   * @param statedPerSecond the rate the API stated, as last reported
   */
  public record View(String key, double limitPerSecond, List<HolderView> holders, long pauseUntilMs,
      OptionalLong learnedLimit, OptionalDouble statedPerSecond) {}

  /** One holder's lease, for the listing. */
  public record HolderView(String holder, double perSecond, long expiresInMs) {}

  private static final class Budget {
    final Map<String, Lease> leases = new HashMap<>();
    long pauseUntilMs;
    OptionalLong learnedLimit = OptionalLong.empty();
    OptionalDouble statedPerSecond = OptionalDouble.empty();

    /** The limit shares are cut from: {@code declared} (the lowest of the holders'), or the stated rate if lower. */
    double limit(double declared) {
      return statedPerSecond.isPresent() ? Math.min(declared, statedPerSecond.getAsDouble()) : declared;
    }
  }

  private record Lease(double perSecond, double declared, long expiresAtMs) {}

  /** Grants {@code request.holder()} its share of budget {@code key}, renewing its lease. */
  public synchronized Grant lease(String key, Request request) {
    long now = clock.millis();
    Budget budget = budgets.get(key);
    if (budget == null) {
      if (budgets.size() >= MAX_BUDGETS) {
        expireAll(now);
        if (budgets.size() >= MAX_BUDGETS) {
          throw new IllegalStateException("too many rate budgets (" + MAX_BUDGETS + ")");
        }
      }
      budget = new Budget();
      budgets.put(key, budget);
    }
    budget.leases.values().removeIf(l -> l.expiresAtMs() <= now);
    if (request.statedPerSecond().isPresent()) {
      budget.statedPerSecond = request.statedPerSecond(); // before the share is cut, so it applies at once
    }
    if (!budget.leases.containsKey(request.holder()) && budget.leases.size() >= MAX_HOLDERS) {
      throw new IllegalStateException("too many holders of one rate budget (" + MAX_HOLDERS + ")");
    }
    double limit = request.declaredPerSecond();
    double others = 0;
    for (Map.Entry<String, Lease> e : budget.leases.entrySet()) {
      limit = Math.min(limit, e.getValue().declared());
      if (!e.getKey().equals(request.holder())) {
        others += e.getValue().perSecond();
      }
    }
    limit = budget.limit(limit);
    int holders = budget.leases.containsKey(request.holder()) ? budget.leases.size() : budget.leases.size() + 1;
    double free = Math.max(0, limit - others);
    double share;
    if (now < warmUntilMs) {
      share = Math.min(Math.max(0, request.heldPerSecond()), free); // honour leases granted before a restart
    } else {
      share = Math.min(limit / holders, free);
    }
    budget.leases.put(request.holder(), new Lease(share, request.declaredPerSecond(), now + ttl.toMillis()));
    budget.pauseUntilMs = Math.max(budget.pauseUntilMs, request.pauseUntilMs());
    if (request.learnedLimit().isPresent()) {
      budget.learnedLimit = request.learnedLimit();
    }
    return new Grant(share, ttl, holders, budget.pauseUntilMs > now ? budget.pauseUntilMs : 0);
  }

  /** Every budget with a live lease. */
  public synchronized List<View> list() {
    long now = clock.millis();
    expireAll(now);
    List<View> views = new ArrayList<>();
    budgets.forEach((key, b) -> {
      double limit = b.limit(b.leases.values().stream().mapToDouble(Lease::declared).min().orElse(0));
      List<HolderView> holders = new ArrayList<>();
      b.leases.forEach((h, l) -> holders.add(new HolderView(h, l.perSecond(), l.expiresAtMs() - now)));
      views.add(new View(key, limit, holders, b.pauseUntilMs > now ? b.pauseUntilMs : 0, b.learnedLimit,
          b.statedPerSecond));
    });
    return views;
  }

  private void expireAll(long now) {
    budgets.values().forEach(b -> b.leases.values().removeIf(l -> l.expiresAtMs() <= now));
    budgets.values().removeIf(b -> b.leases.isEmpty());
  }
}
