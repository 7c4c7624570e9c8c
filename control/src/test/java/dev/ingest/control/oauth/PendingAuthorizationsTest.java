package dev.ingest.control.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Single-use, session-bound, expiring states, and the S256 challenge of RFC 7636's example. */
class PendingAuthorizationsTest {
  static final PendingAuthorizations.Flow FLOW = new PendingAuthorizations.Flow("hubspot", "oauth2", "crm-oauth",
      Map.of(), Map.of("client_secret", "s3cret"), Pkce.newVerifier(), "http://127.0.0.1/oauth/callback");

  @Test
  void aStateIsTakenOnceAndOnlyByItsSession() {
    PendingAuthorizations pending = new PendingAuthorizations(Clock.systemUTC(), Duration.ofMinutes(10));
    String state = pending.start(FLOW, "session-a");

    assertThat(pending.take(state, "session-a").flow()).contains(FLOW);
    assertThat(pending.take(state, "session-a").refusal()).contains(PendingAuthorizations.Refusal.UNKNOWN_OR_USED);

    String other = pending.start(FLOW, "session-a");
    assertThat(pending.take(other, "session-b").refusal()).contains(PendingAuthorizations.Refusal.OTHER_SESSION);
    assertThat(pending.take(other, "session-a").refusal()).as("used up by the failed attempt")
        .contains(PendingAuthorizations.Refusal.UNKNOWN_OR_USED);
    assertThat(pending.take(pending.start(FLOW, "session-a"), null).refusal())
        .contains(PendingAuthorizations.Refusal.OTHER_SESSION);
    assertThat(FLOW.toString()).doesNotContain("s3cret");
  }

  @Test
  void aStateExpires() {
    Instant t0 = Instant.parse("2026-12-07T12:00:00Z");
    Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
    PendingAuthorizations pending = new PendingAuthorizations(new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return clock[0].instant();
      }
    }, Duration.ofMinutes(10));
    String state = pending.start(FLOW, "s");
    clock[0] = Clock.fixed(t0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);

    assertThat(pending.take(state, "s")).isEqualTo(new PendingAuthorizations.Taken(Optional.empty(),
        Optional.of(PendingAuthorizations.Refusal.EXPIRED)));
  }

  @Test
  void theChallengeIsRfc7636sS256() {
    assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(Pkce.newVerifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
  }
}
