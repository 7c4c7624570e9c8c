package dev.ingest.control.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateBudgetBookTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final Duration TTL = Duration.ofSeconds(3);

  private final MutableClock clock = new MutableClock();

  private RateBudgetBook warmBook() {
    RateBudgetBook book = new RateBudgetBook(clock, TTL);
    clock.advance(TTL); // past the restart window
    return book;
  }

  private static RateBudgetBook.Request ask(String holder, double declared, double held) {
    return new RateBudgetBook.Request(holder, declared, held, 0, OptionalLong.empty());
  }

  @Test
  void aNewcomerWaitsUntilTheHolderRenewsDownToTheFairShareAndSharesNeverExceedTheLimit() {
    RateBudgetBook book = warmBook();
    assertThat(book.lease(KEY, ask("a", 10, 0)).perSecond()).isEqualTo(10.0);
    RateBudgetBook.Grant first = book.lease(KEY, ask("b", 10, 0));
    assertThat(first.perSecond()).isZero(); // a still holds all 10
    assertThat(first.holders()).isEqualTo(2);
    assertThat(book.lease(KEY, ask("a", 10, 10)).perSecond()).isEqualTo(5.0);
    assertThat(book.lease(KEY, ask("b", 10, 0)).perSecond()).isEqualTo(5.0);
    assertThat(book.list()).singleElement().satisfies(v -> {
      assertThat(v.limitPerSecond()).isEqualTo(10.0);
      assertThat(v.holders()).extracting(RateBudgetBook.HolderView::perSecond).containsExactlyInAnyOrder(5.0, 5.0);
    });
  }

  @Test
  void theLowestDeclaredLimitOfTheLiveHoldersIsTheBudget() {
    RateBudgetBook book = warmBook();
    book.lease(KEY, ask("a", 10, 0));
    book.lease(KEY, ask("a", 10, 10));
    assertThat(book.lease(KEY, ask("b", 4, 0)).perSecond()).isZero();
    assertThat(book.lease(KEY, ask("a", 10, 10)).perSecond()).isEqualTo(2.0);
    assertThat(book.lease(KEY, ask("b", 4, 0)).perSecond()).isEqualTo(2.0);
  }

  @Test
  void aCrashedHoldersShareReturnsAtLeaseExpiry() {
    RateBudgetBook book = warmBook();
    book.lease(KEY, ask("a", 10, 0));
    book.lease(KEY, ask("a", 10, 10));
    book.lease(KEY, ask("b", 10, 0));
    book.lease(KEY, ask("a", 10, 10));
    book.lease(KEY, ask("b", 10, 0)); // 5 + 5
    clock.advance(Duration.ofMillis(2_000));
    assertThat(book.lease(KEY, ask("b", 10, 5)).perSecond()).isEqualTo(5.0); // a has not expired yet
    clock.advance(Duration.ofMillis(1_000)); // a's lease (renewed at t+0) has now lasted its 3 s
    RateBudgetBook.Grant alone = book.lease(KEY, ask("b", 10, 5));
    assertThat(alone.perSecond()).isEqualTo(10.0);
    assertThat(alone.holders()).isEqualTo(1);
  }

  @Test
  void afterARestartRenewalsKeepWhatTheyHeldAndNewcomersWaitOneTtl() {
    RateBudgetBook book = new RateBudgetBook(clock, TTL);
    assertThat(book.lease(KEY, ask("new", 10, 0)).perSecond()).isZero();
    assertThat(book.lease(KEY, ask("old", 10, 7)).perSecond()).isEqualTo(7.0);
    assertThat(book.lease(KEY, ask("other", 10, 7)).perSecond()).isEqualTo(3.0); // capped by the limit
    clock.advance(Duration.ofMillis(2_000));
    assertThat(book.lease(KEY, ask("old", 10, 7)).perSecond()).isEqualTo(7.0);
    assertThat(book.lease(KEY, ask("other", 10, 3)).perSecond()).isEqualTo(3.0);
    clock.advance(Duration.ofMillis(1_000)); // the restart window is over
    assertThat(book.lease(KEY, ask("new", 10, 0)).perSecond()).isZero(); // 7 + 3 are held until they renew
    assertThat(book.lease(KEY, ask("old", 10, 7)).perSecond()).isEqualTo(10.0 / 3);
  }

  @Test
  void aPauseOneHolderReportsReachesEveryHolderUntilItEnds() {
    RateBudgetBook book = warmBook();
    book.lease(KEY, ask("a", 10, 0));
    long until = clock.millis() + 1_500;
    book.lease(KEY, new RateBudgetBook.Request("a", 10, 10, until, OptionalLong.of(600)));
    assertThat(book.lease(KEY, ask("b", 10, 0)).pauseUntilMs()).isEqualTo(until);
    assertThat(book.list().get(0).learnedLimit()).hasValue(600);
    clock.advance(Duration.ofMillis(1_500));
    assertThat(book.lease(KEY, ask("b", 10, 0)).pauseUntilMs()).isZero();
  }

  @Test
  void aRateTheApiStatesBelowTheDeclaredLimitSizesEveryShare() {
    RateBudgetBook book = warmBook();
    assertThat(book.lease(KEY, ask("a", 10, 0)).perSecond()).isEqualTo(10.0);
    // holder a's responses say 100 requests per 20 s: 5/s, half what the connector declares
    RateBudgetBook.Request stated = new RateBudgetBook.Request("a", 10, 10, 0, OptionalLong.of(100),
        OptionalDouble.of(5.0));
    assertThat(book.lease(KEY, stated).perSecond()).isEqualTo(5.0);
    assertThat(book.lease(KEY, ask("b", 10, 0)).perSecond()).isZero(); // a still holds all 5 until it renews
    assertThat(book.lease(KEY, ask("a", 10, 5)).perSecond()).isEqualTo(2.5);
    assertThat(book.lease(KEY, ask("b", 10, 0)).perSecond()).isEqualTo(2.5);
    RateBudgetBook.View view = book.list().get(0);
    assertThat(view.limitPerSecond()).isEqualTo(5.0);
    assertThat(view.statedPerSecond()).hasValue(5.0);
    // a stated rate above the declared limit does not raise it: the declared limit is the user's own budget
    book.lease(KEY, new RateBudgetBook.Request("a", 10, 2.5, 0, OptionalLong.of(1000), OptionalDouble.of(50.0)));
    assertThat(book.lease(KEY, ask("a", 10, 2.5)).perSecond()).isEqualTo(5.0);
    assertThat(book.list().get(0).limitPerSecond()).isEqualTo(10.0);
  }

  @Test
  void ignoresAStatedRateThatIsNotAPositiveFiniteNumber() {
    assertThat(new RateBudgetBook.Request("a", 10, 0, 0, OptionalLong.empty(), OptionalDouble.of(0)).statedPerSecond())
        .isEmpty();
    assertThat(new RateBudgetBook.Request("a", 10, 0, 0, OptionalLong.empty(),
        OptionalDouble.of(Double.POSITIVE_INFINITY)).statedPerSecond()).isEmpty();
  }

  @Test
  void rejectsATtlTooShortToRenew() {
    assertThatThrownBy(() -> new RateBudgetBook(clock, Duration.ofMillis(100)))
        .hasMessageContaining("at least 150 ms");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
