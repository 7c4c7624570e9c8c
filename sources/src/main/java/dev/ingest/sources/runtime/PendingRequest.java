package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.records.RecordSelector;

/**
 * One request between its first attempt and its outcome, as {@link RequestExecutor} carries it from attempt to
 * attempt: the request and its authenticator, when it started, what it cost so far, the redactor (grown by the
 * tokens the authenticator obtained) and whether the credential was already refreshed after a rejection. Used by
 * one thread at a time.
 */
final class PendingRequest {
  final ApiRequest request;
  final Authenticator authenticator;
  /** Splits a 2xx body into records and envelope (page requests); null to parse the whole body into a tree. */
  final RecordSelector splitBy;
  /** Epoch millis of the start, from which the retry budget is counted. */
  final long startMillis;
  Redactor redactor;
  /** True once the authenticator was asked to refresh after an AUTH_FAILED response (once per request). */
  boolean refreshed;
  int attempts;
  int throttled;
  long bytes;
  long decodedBytes;
  long waitedMillis;

  PendingRequest(ApiRequest request, Authenticator authenticator, RecordSelector splitBy, Redactor redactor,
      long startMillis) {
    this.request = request;
    this.authenticator = authenticator;
    this.splitBy = splitBy;
    this.redactor = redactor;
    this.startMillis = startMillis;
  }

  /** What this request cost so far: every attempt, the retries among them, rate limits, bytes and waits. */
  FetchStats stats() {
    return new FetchStats(attempts, Math.max(0, attempts - 1), throttled, bytes, waitedMillis, decodedBytes);
  }
}
