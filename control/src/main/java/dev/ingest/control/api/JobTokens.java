package dev.ingest.control.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens a deployed job talks to the control plane with, each an HMAC-SHA256 keyed by the API token and
 * scoped to one purpose: a pipeline's poll token (of the pipeline's name) opens {@code GET /api/pipelines/<that
 * pipeline>/run-requests} and nothing else; the lease token opens {@code POST /api/rate-budgets/<key>/leases}
 * and nothing else. They need no storage in the control plane and change when the API token does. Jobs read
 * them from the secret store (never from their job graph); they appear in no log, message or {@link #toString()}.
 */
final class JobTokens {
  private static final String POLL_PREFIX = "ingest_rr_";
  private static final String LEASE_PREFIX = "ingest_rl_";
  private final byte[] pollKey;
  private final byte[] leaseKey;

  JobTokens(ApiToken apiToken) {
    this.pollKey = ("run-requests:" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8);
    this.leaseKey = ("rate-budget-leases:" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8);
  }

  /** The poll token of {@code pipeline}. */
  String forPipeline(String pipeline) {
    return POLL_PREFIX + hmac(pollKey, pipeline);
  }

  /** The token every job leases rate budgets with. */
  String forLeases() {
    return LEASE_PREFIX + hmac(leaseKey, "leases");
  }

  /** True when {@code presented} is the poll token of {@code pipeline} (compared in constant time). */
  boolean matches(String pipeline, String presented) {
    return same(forPipeline(pipeline), presented);
  }

  /** True when {@code presented} is the lease token (compared in constant time). */
  boolean matchesLease(String presented) {
    return same(forLeases(), presented);
  }

  private static boolean same(String expected, String presented) {
    return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "JobTokens{}";
  }
}
