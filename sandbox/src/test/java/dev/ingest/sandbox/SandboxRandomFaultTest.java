package dev.ingest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxRandomFaultTest {

  @Test
  void stormsAtRoughlyTheRequestedRateAndReproducibly() {
    List<Integer> first = statuses(0.25, 7);
    long failed = first.stream().filter(status -> status != 200).count();
    assertThat(failed).isBetween(60L, 140L);
    assertThat(first).contains(429, 503).doesNotContainNull();
    assertThat(statuses(0.25, 7)).isEqualTo(first);
  }

  @Test
  void neverFaultsAtRateZero() {
    assertThat(statuses(0.0, 7)).containsOnly(200);
  }

  private static List<Integer> statuses(double rate, long seed) {
    try (SandboxApi sandbox = SandboxApi.builder().build().start()) {
      sandbox.faults().randomly(rate, seed, Fault.status(429), Fault.status(503));
      SandboxClient client = new SandboxClient(sandbox);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        statuses.add(client.get("/crm/v3/objects/contacts?limit=1").statusCode());
      }
      return statuses;
    }
  }
}
