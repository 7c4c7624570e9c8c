/**
 * The request budget of a credential: a token bucket shared inside the JVM
 * ({@link dev.ingest.sources.ratelimit.RateLimiter}, one per credential from the
 * {@link dev.ingest.sources.ratelimit.RateLimiterRegistry}) that hands out reservations rather than blocking, and the
 * readers of rate-limit response headers ({@link dev.ingest.sources.ratelimit.RateHeaders}) that adapt it before a 429.
 */
package dev.ingest.sources.ratelimit;
