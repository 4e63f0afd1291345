package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import dev.switchboard.core.time.Randomness;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryMathTest {
  @Test
  void backoff_successiveRetries_doubleWithinJitterBoundsAndCap() {
    Randomness random = Randomness.seeded(7);
    for (int i = 0; i < 500; i++) {
      assertThat(Backoff.delayMillis(1, 100, 2_000, -1, random)).isBetween(50L, 100L);
      assertThat(Backoff.delayMillis(2, 100, 2_000, -1, random)).isBetween(100L, 200L);
      assertThat(Backoff.delayMillis(3, 100, 2_000, -1, random)).isBetween(200L, 400L);
      assertThat(Backoff.delayMillis(9, 100, 2_000, -1, random)).isBetween(1_000L, 2_000L);
    }
  }

  @Test
  void backoff_retryAfterLongerThanBackoff_waitsRetryAfter() {
    Randomness random = Randomness.seeded(7);
    assertThat(Backoff.delayMillis(1, 100, 2_000, 1_500, random)).isEqualTo(1_500);
    assertThat(Backoff.delayMillis(1, 100, 2_000, 0, random)).isBetween(50L, 100L);
  }

  @Test
  void backoff_jitter_spreadsDelays() {
    Randomness random = Randomness.seeded(3);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 500; i++) {
      long delay = Backoff.delayMillis(4, 100, 2_000, -1, random);
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assertThat(min).isLessThan(450);
    assertThat(max).isGreaterThan(750);
  }

  @Test
  void retryBudget_twentyPercentNoFloor_allowsExactlyOneInFive() {
    ManualClock clock = new ManualClock();
    RetryBudget budget = new RetryBudget(clock, 0.2, 10_000, 0);
    for (int i = 0; i < 100; i++) {
      budget.onRequest();
    }
    int granted = 0;
    for (int i = 0; i < 50; i++) {
      granted += budget.tryAcquire() ? 1 : 0;
    }
    assertThat(granted).isEqualTo(20);
  }

  @Test
  void retryBudget_windowSlides_oldRequestsAndRetriesExpire() {
    ManualClock clock = new ManualClock();
    RetryBudget budget = new RetryBudget(clock, 0.2, 10_000, 0);
    for (int i = 0; i < 10; i++) {
      budget.onRequest();
    }
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
    clock.advanceMillis(10_000);
    assertThat(budget.tryAcquire()).isFalse();
    budget.onRequest();
    budget.onRequest();
    budget.onRequest();
    budget.onRequest();
    budget.onRequest();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
  }

  @Test
  void retryBudget_floor_letsAQuietGatewayRetry() {
    ManualClock clock = new ManualClock();
    RetryBudget budget = new RetryBudget(clock, 0.2, 2_000, 1);
    budget.onRequest();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isTrue();
    assertThat(budget.tryAcquire()).isFalse();
  }

  @Test
  void keyPool_rateLimitedKey_coolsUntilRetryAfterThenReturns() {
    ManualClock clock = new ManualClock();
    KeyPool pool = new KeyPool("p", List.of("sk-one-secret", "sk-two-secret"));
    KeyPool.Lease first = pool.acquire(clock.nanoTime());
    pool.coolDown(first.index(), clock.nanoTime() + 2_000_000_000L);
    for (int i = 0; i < 4; i++) {
      assertThat(pool.acquire(clock.nanoTime()).index()).isNotEqualTo(first.index());
    }
    clock.advanceMillis(2_000);
    boolean seenAgain = false;
    for (int i = 0; i < 4; i++) {
      seenAgain |= pool.acquire(clock.nanoTime()).index() == first.index();
    }
    assertThat(seenAgain).isTrue();
  }

  @Test
  void keyPool_rejectedKeys_deadForGoodAndAllOutGivesNull() {
    ManualClock clock = new ManualClock();
    KeyPool pool = new KeyPool("p", List.of("sk-one-secret", "sk-two-secret"));
    assertThat(pool.markDead(0)).isTrue();
    assertThat(pool.markDead(0)).isFalse();
    pool.coolDown(1, clock.nanoTime() + 1_000_000_000L);
    assertThat(pool.acquire(clock.nanoTime())).isNull();
    clock.advanceMillis(100_000);
    assertThat(pool.acquire(clock.nanoTime()).index()).isEqualTo(1);
    assertThat(pool.states(clock.nanoTime())).extracting(KeyPool.KeyState::state).containsExactly("dead", "ok");
    assertThat(pool.states(clock.nanoTime()).toString()).doesNotContain("secret");
  }

  @Test
  void keyPool_noKeys_leasesWithoutValue() {
    KeyPool pool = new KeyPool("local", List.of());
    KeyPool.Lease lease = pool.acquire(0);
    assertThat(lease.index()).isEqualTo(-1);
    assertThat(lease.value()).isNull();
  }

  @Test
  void latencyWindow_p95_needsMinimumSamplesThenReportsPercentile() {
    LatencyWindow window = new LatencyWindow(100);
    for (int i = 1; i <= 19; i++) {
      window.record(i);
    }
    assertThat(window.p95(20, 0)).isEqualTo(-1);
    for (int i = 20; i <= 100; i++) {
      window.record(i);
    }
    assertThat(window.p95(20, 0)).isEqualTo(95);
  }

  @Test
  void peakEwma_spikeRaisesAtOnce_calmDecaysGradually() {
    PeakEwma ewma = new PeakEwma(10_000_000_000L);
    ewma.observe(10, 0);
    ewma.observe(100, 1);
    assertThat(ewma.value()).isEqualTo(100);
    ewma.observe(10, 10_000_000_001L);
    assertThat(ewma.value()).isBetween(40.0, 50.0);
  }
}
