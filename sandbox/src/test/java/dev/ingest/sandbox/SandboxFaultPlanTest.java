package dev.ingest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxFaultPlanTest {
  private final FaultPlan plan = new FaultPlan(Set.of("tickets", "contacts", "issues"));

  @Test
  void appliesQueuedFaultsInOrderToMatchingResources() {
    Fault first = Fault.status(500);
    Fault second = Fault.status(502);
    Fault any = Fault.reset();
    plan.next("contacts", first, second).next(any);
    assertThat(plan.pending()).isEqualTo(3);
    assertThat(plan.take("tickets")).containsSame(any);
    assertThat(plan.take("contacts")).containsSame(first);
    assertThat(plan.take("issues")).isEmpty();
    assertThat(plan.take("contacts")).containsSame(second);
    assertThat(plan.take("contacts")).isEmpty();
    assertThat(plan.appliedCount()).isEqualTo(3);
  }

  @Test
  void prefersQueuedThenPermanentThenRandomFaults() {
    Fault queued = Fault.status(500);
    Fault forContacts = Fault.status(503);
    Fault forAny = Fault.status(429);
    Fault storm = Fault.truncate();
    plan.randomly(1.0, 1, storm).always(forAny).always("contacts", forContacts).next("contacts", queued);
    assertThat(plan.take("contacts")).containsSame(queued);
    assertThat(plan.take("contacts")).containsSame(forContacts);
    assertThat(plan.take("issues")).containsSame(forAny);
    plan.clear();
    plan.randomly("issues", 1.0, 1, storm);
    assertThat(plan.take("issues")).containsSame(storm);
    assertThat(plan.take("tickets")).isEmpty();
  }

  @Test
  void laneFaultsHitOnlyTheirLaneWhileResourceFaultsHitEveryLane() {
    Fault lane = Fault.status(503);
    Fault resource = Fault.status(500);
    Fault always = Fault.status(404);
    plan.next("tickets@burst", lane).always("tickets@gone", always);
    assertThat(plan.take("tickets")).isEmpty();
    assertThat(plan.take("tickets", "other")).isEmpty();
    assertThat(plan.take("tickets", "burst")).containsSame(lane);
    assertThat(plan.take("tickets", "gone")).containsSame(always);
    assertThat(plan.take("tickets", "gone")).containsSame(always);
    plan.next("tickets", resource);
    assertThat(plan.take("tickets", "burst")).containsSame(resource);
    assertThatThrownBy(() -> plan.next("nosuch@lane", lane)).hasMessageContaining("unknown sandbox resource 'nosuch'");
    assertThatThrownBy(() -> plan.next("tickets@", lane)).hasMessageContaining("blank lane");
  }

  @Test
  void skipsRequestsWithNonePlaceholders() {
    plan.next("tickets", Fault.none(), Fault.status(500));
    assertThat(plan.take("tickets")).hasValueSatisfying(f -> assertThat(f.toString()).isEqualTo("Fault.none()"));
    assertThat(plan.take("tickets").map(Fault::statusCode)).hasValue(500);
    assertThat(plan.appliedCount()).isEqualTo(1);
  }

  @Test
  void honoursTheRandomRateReproduciblyWithAFixedSeed() {
    List<Optional<Fault>> run = storm(0.2, 42);
    long faulted = run.stream().filter(Optional::isPresent).count();
    assertThat(faulted).isBetween(150L, 250L);
    assertThat(storm(0.2, 42)).isEqualTo(run);
    assertThat(storm(0.2, 43)).isNotEqualTo(run);
    assertThat(run.stream().flatMap(Optional::stream).map(Fault::statusCode).distinct())
        .containsExactlyInAnyOrder(500, 503);
  }

  private static List<Optional<Fault>> storm(double rate, long seed) {
    FaultPlan plan = new FaultPlan(Set.of("tickets"));
    plan.randomly(rate, seed, Fault.status(500), Fault.status(503));
    List<Optional<Fault>> out = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      out.add(plan.take("tickets"));
    }
    return out;
  }

  @Test
  void rejectsUnknownResourcesAndBadArguments() {
    assertThatThrownBy(() -> plan.next("ticket", Fault.status(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown sandbox resource 'ticket', expected one of [contacts, issues, tickets]");
    assertThatThrownBy(() -> plan.randomly(1.5, 1, Fault.status(500))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan.randomly(0.5, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validatesAndDescribesFaults() {
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.reset().retryAfterSeconds(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("retryAfterSeconds applies to status faults only, not Fault.reset()");
    assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.status(429).retryAfterSeconds(2)).hasToString("Fault.status(429).retryAfterSeconds(2)");
    assertThat(Fault.status(502).htmlBody()).hasToString("Fault.status(502).htmlBody()");
    assertThat(Fault.rateHeaders(0, 60)).hasToString("Fault.rateHeaders(0, 60)");
    assertThat(Fault.emptyPage()).hasToString("Fault.emptyPage()");
  }
}
