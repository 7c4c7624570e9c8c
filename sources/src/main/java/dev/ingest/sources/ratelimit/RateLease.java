package dev.ingest.sources.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One lease the control plane granted: a share of the credential's budget, valid for {@code ttl} from the moment
 * the request was sent (the holder counts from its own send time, so it stops before the control plane frees it).
 *
 * @param perSecond the requests per second this holder may send (0: none free yet, ask again)
 * @param ttl how long the share is valid
 * @param holders how many holders share the budget now (the fallback share is at most 1/holders)
 * @param pauseUntil a pause the whole budget is under (a 429 or an exhausted quota seen by any holder)
 */
public record RateLease(double perSecond, Duration ttl, int holders, Optional<Instant> pauseUntil) {}
