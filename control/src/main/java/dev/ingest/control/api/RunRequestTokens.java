package dev.ingest.control.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a deployed pipeline's job polls its run requests with: an HMAC-SHA256 of the pipeline's name keyed by
 * the API token, so it opens {@code GET /api/pipelines/<that pipeline>/run-requests} and nothing else, needs no
 * storage in the control plane, and changes when the API token does. The job reads it from the secret store
 * (never from its job graph); it appears in no log, message or {@link #toString()}.
 */
final class RunRequestTokens {
  private static final String PREFIX = "ingest_rr_";
  private final byte[] key;

  RunRequestTokens(ApiToken apiToken) {
    this.key = ("run-requests:" + apiToken.reveal()).getBytes(StandardCharsets.UTF_8);
  }

  /** The poll token of {@code pipeline}. */
  String forPipeline(String pipeline) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(pipeline.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** True when {@code presented} is the poll token of {@code pipeline} (compared in constant time). */
  boolean matches(String pipeline, String presented) {
    return presented != null && MessageDigest.isEqual(forPipeline(pipeline).getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RunRequestTokens{}";
  }
}
