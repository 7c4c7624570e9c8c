package dev.ingest.control.oauth;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization-code flows started and not yet finished: each under its random {@code state}, bound to the
 * browser session that started it (the hash of a random cookie value), single-use (taking it removes it) and
 * expiring. At most {@link #MAX_PENDING} are held; the oldest go first.
 */
public final class PendingAuthorizations {
  /** Flows kept at once: enough for every user of a control plane, small enough to bound memory. */
  public static final int MAX_PENDING = 256;

  /**
   * One started flow.
   *
   * @param connector the connector
   * @param method its auth method
   * @param credential the secret the tokens go to
   * @param config the connector config the URLs are rendered with
   * @param fields credential fields given with the start (the app's client id and secret), written to the secret
   *     with the tokens once the code is exchanged; may be empty (they are in the secret already)
   * @param verifier the PKCE code verifier (sent only to the token endpoint)
   * @param redirectUri the redirect URI sent with the authorization request
   */
  public record Flow(String connector, String method, String credential, Map<String, String> config,
      Map<String, String> fields, String verifier, String redirectUri) {
    public Flow {
      config = Map.copyOf(config);
      fields = Map.copyOf(fields);
    }

    @Override
    public String toString() {
      return "Flow{" + connector + "/" + method + " -> " + credential + "}";
    }
  }

  /** Why a callback's state was refused. */
  public enum Refusal { UNKNOWN_OR_USED, OTHER_SESSION, EXPIRED }

  /** A flow taken by its callback, or why not. */
  public record Taken(Optional<Flow> flow, Optional<Refusal> refusal) {}

  private record Entry(Flow flow, byte[] session, Instant expires) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> pending = new LinkedHashMap<>();

  public PendingAuthorizations(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** Records {@code flow} for the session {@code sessionNonce}; returns its new {@code state}. */
  public synchronized String start(Flow flow, String sessionNonce) {
    Instant now = clock.instant();
    pending.values().removeIf(e -> !e.expires.isAfter(now));
    while (pending.size() >= MAX_PENDING) {
      pending.remove(pending.keySet().iterator().next());
    }
    String state = Pkce.random(24);
    pending.put(state, new Entry(flow, Pkce.sha256(sessionNonce), now.plus(ttl)));
    return state;
  }

  /**
   * Takes the flow of {@code state} for the session presenting {@code sessionNonce} (may be null: no cookie). The
   * state is used up whatever the outcome, so a replayed or stolen state never works twice.
   */
  public synchronized Taken take(String state, String sessionNonce) {
    Entry entry = state == null ? null : pending.remove(state);
    if (entry == null) {
      return new Taken(Optional.empty(), Optional.of(Refusal.UNKNOWN_OR_USED));
    }
    if (sessionNonce == null || !MessageDigest.isEqual(entry.session, Pkce.sha256(sessionNonce))) {
      return new Taken(Optional.empty(), Optional.of(Refusal.OTHER_SESSION));
    }
    if (!entry.expires.isAfter(clock.instant())) {
      return new Taken(Optional.empty(), Optional.of(Refusal.EXPIRED));
    }
    return new Taken(Optional.of(entry.flow), Optional.empty());
  }
}
