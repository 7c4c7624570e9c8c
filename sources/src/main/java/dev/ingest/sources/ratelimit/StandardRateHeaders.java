package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;
import java.time.Duration;
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
 * timestamp (Jira). A window length comes from the IETF draft's {@code w=} parameter ({@code RateLimit-Policy:
 * 100;w=60}, or {@code RateLimit-Limit: 100, 100;w=60} in older drafts).
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
      Optional<Duration> window = headers.first(prefix + "Policy").flatMap(StandardRateHeaders::windowParameter)
          .or(() -> headers.first(prefix + "Limit").flatMap(StandardRateHeaders::windowParameter));
      signal = signal.merge(new RateSignal(remaining, limit, reset, window));
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

  /**
   * The window of the IETF draft's quota policy, {@code w=60} in {@code 100;w=60} (a {@code -Policy} header, or
   * the older drafts' {@code -Limit: 100, 100;w=60}), in seconds; the first policy when several are listed.
   */
  static Optional<Duration> windowParameter(String value) {
    for (String part : value.split("[;,]")) {
      String p = part.trim();
      if (p.startsWith("w=")) {
        String digits = p.substring(2).trim();
        if (!digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)) {
          long seconds = Long.parseLong(digits);
          return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
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
