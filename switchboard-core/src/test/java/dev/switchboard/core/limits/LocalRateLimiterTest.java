package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
  private final ManualClock clock = new ManualClock();
  private final LocalRateLimiter limiter = new LocalRateLimiter(clock);

  private static Quota quota(String scope, Long rpm, Long tpm, Integer concurrent) {
    return new Quota(scope, new RateLimits(rpm, tpm, concurrent), List.of());
  }

  private RateAdmission admit(List<Quota> quotas, long tokens) {
    return limiter.admit(quotas, tokens).result();
  }

  @Test
  void requestsPerMinute_exhausted_refusesWithRetryAfterUntilRefilled() {
    List<Quota> quotas = List.of(quota("key:a", 3L, null, null));
    for (int i = 0; i < 3; i++) {
      assertThat(admit(quotas, 10).allowed()).isTrue();
    }
    RateAdmission refused = admit(quotas, 10);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limitedKind()).isEqualTo("requests");
    assertThat(refused.limitedScope()).isEqualTo("key:a");
    assertThat(refused.retryAfterMillis()).isEqualTo(20_000);
    clock.advance(Duration.ofSeconds(20));
    assertThat(admit(quotas, 10).allowed()).isTrue();
    assertThat(admit(quotas, 10).allowed()).isFalse();
  }

  @Test
  void tokensPerMinute_settledBelowEstimate_refundsTheDifference() {
    List<Quota> quotas = List.of(quota("team:t", null, 1000L, null));
    RateAdmission first = admit(quotas, 800);
    assertThat(first.allowed()).isTrue();
    assertThat(first.tokensRemaining()).isEqualTo(200);
    assertThat(admit(quotas, 500).allowed()).isFalse();
    limiter.settle(first, 100);
    RateAdmission second = admit(quotas, 500);
    assertThat(second.allowed()).isTrue();
    assertThat(second.tokensRemaining()).isEqualTo(400);
  }

  @Test
  void tokensPerMinute_settledAboveEstimate_chargesTheExcess() {
    List<Quota> quotas = List.of(quota("team:t", null, 1000L, null));
    RateAdmission first = admit(quotas, 100);
    limiter.settle(first, 1000);
    assertThat(admit(quotas, 1).allowed()).isFalse();
  }

  @Test
  void concurrency_atLimit_refusesUntilARequestSettles() {
    List<Quota> quotas = List.of(quota("key:c", null, null, 2));
    RateAdmission a = admit(quotas, 1);
    RateAdmission b = admit(quotas, 1);
    RateAdmission c = admit(quotas, 1);
    assertThat(a.allowed()).isTrue();
    assertThat(b.allowed()).isTrue();
    assertThat(c.allowed()).isFalse();
    assertThat(c.limitedKind()).isEqualTo("concurrency");
    limiter.settle(a, 1);
    assertThat(admit(quotas, 1).allowed()).isTrue();
  }

  @Test
  void severalScopes_oneRefuses_noScopeIsCharged() {
    Quota key = quota("key:k", 10L, null, null);
    Quota team = quota("team:t", 1L, null, null);
    assertThat(admit(List.of(key, team), 1).allowed()).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(admit(List.of(key, team), 1).allowed()).isFalse();
    }
    RateAdmission keyOnly = admit(List.of(key), 1);
    assertThat(keyOnly.requestsRemaining()).isEqualTo(8);
  }

  @Test
  void shareOfNodes_dividesEveryLimit() {
    LocalRateLimiter share = new LocalRateLimiter(clock, 2);
    List<Quota> quotas = List.of(quota("key:s", 4L, null, null));
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      admitted += share.admit(quotas, 1).result().allowed() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(2);
  }

  @Test
  void concurrentAdmissions_fromManyThreads_neverExceedTheLimit() throws Exception {
    List<Quota> quotas = List.of(quota("key:race", 100L, null, null));
    java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          if (limiter.admit(quotas, 1).result().allowed()) {
            admitted.incrementAndGet();
          }
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(admitted.get()).isEqualTo(100);
  }
}
