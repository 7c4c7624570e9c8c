package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotas reported as {@code used/limit}: Shopify's {@code X-Shopify-Shop-Api-Call-Limit: 32/40} (a leaky bucket)
 * and Salesforce's {@code Sforce-Limit-Info: api-usage=1200/15000} (a rolling day). Neither says when the quota
 * comes back, so the signal has no reset time.
 */
public final class UsageRatioHeaders implements RateHeaderReader {
  private static final Pattern RATIO = Pattern.compile("(?:[a-z-]+=)?\\s*(\\d{1,15})\\s*/\\s*(\\d{1,15})");

  @Override
  public RateSignal read(Headers headers, Clock clock) {
    return parse(headers.first("X-Shopify-Shop-Api-Call-Limit"))
        .merge(parse(headers.first("Sforce-Limit-Info")));
  }

  private static RateSignal parse(Optional<String> header) {
    if (header.isEmpty()) {
      return RateSignal.NONE;
    }
    Matcher m = RATIO.matcher(header.get().trim());
    if (!m.find()) {
      return RateSignal.NONE;
    }
    long used = Long.parseLong(m.group(1));
    long limit = Long.parseLong(m.group(2));
    return new RateSignal(OptionalLong.of(Math.max(0, limit - used)), OptionalLong.of(limit), Optional.empty());
  }

  @Override
  public String toString() {
    return "UsageRatioHeaders";
  }
}
