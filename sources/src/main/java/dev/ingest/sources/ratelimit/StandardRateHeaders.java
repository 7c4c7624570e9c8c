package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The common {@code <prefix>Remaining}, {@code <prefix>Limit} and {@code <prefix>Reset} headers, for the prefixes
 * {@code X-RateLimit-} (GitHub, Jira, Intercom, Greenhouse, Pipedrive), {@code X-Rate-Limit-} (Zendesk),
 * {@code RateLimit-} (the IETF draft) and {@code X-RateLimit-Requests-} (Linear). The reset value is read as:
 * epoch milliseconds (13+ digits), epoch seconds (10–12 digits), seconds from now (fewer digits), or an ISO-8601
 * timestamp (Jira).
 */
public final class StandardRateHeaders implements RateHeaderReader {
  private static final List<String> PREFIXES =
      List.of("X-RateLimit-", "X-Rate-Limit-", "RateLimit-", "X-RateLimit-Requests-");

  @Override
  public RateSignal read(Headers headers, Clock clock) {
    RateSignal signal = RateSignal.NONE;
    for (String prefix : PREFIXES) {
      OptionalLong remaining = number(headers, prefix + "Remaining");
      if (remaining.isEmpty()) {
        continue;
      }
      OptionalLong limit = number(headers, prefix + "Limit");
      Optional<Instant> reset = headers.first(prefix + "Reset").flatMap(v -> resetInstant(v.trim(), clock));
      signal = signal.merge(new RateSignal(remaining, limit, reset));
    }
    return signal;
  }

  static OptionalLong number(Headers headers, String name) {
    Optional<String> value = headers.first(name).map(String::trim);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    String text = value.get();
    int cut = text.indexOf(',');
    text = cut < 0 ? text : text.substring(0, cut).trim(); // "100, 100;w=60" (IETF draft) → 100
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text));
  }

  static Optional<Instant> resetInstant(String value, Clock clock) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 15) {
        return Optional.empty();
      }
      long n = Long.parseLong(value);
      if (value.length() >= 13) {
        return Optional.of(Instant.ofEpochMilli(n));
      }
      if (value.length() >= 10) {
        return Optional.of(Instant.ofEpochSecond(n));
      }
      return Optional.of(clock.instant().plusSeconds(n));
    }
    try {
      return Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "StandardRateHeaders";
  }
}
