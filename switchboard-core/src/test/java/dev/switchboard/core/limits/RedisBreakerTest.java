package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class RedisBreakerTest {
  private final ManualClock clock = new ManualClock();
  private final RedisBreaker breaker = new RedisBreaker(clock, 3, 5_000);

  @Test
  void threeFailuresInARow_open_untilTheOpenTimeHasPassed() {
    breaker.failure();
    breaker.failure();
    assertThat(breaker.allowRequest()).isTrue();
    breaker.failure();
    assertThat(breaker.open()).isTrue();
    assertThat(breaker.allowRequest()).isFalse();
    clock.advanceMillis(4_999);
    assertThat(breaker.allowRequest()).isFalse();
  }

  @Test
  void aSuccessBetweenFailures_resetsTheCount() {
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    assertThat(breaker.open()).isFalse();
  }

  @Test
  void afterTheOpenTime_oneProbeOnly_itsSuccessCloses_itsFailureReopens() {
    for (int i = 0; i < 3; i++) {
      breaker.failure();
    }
    clock.advanceMillis(5_000);
    assertThat(breaker.allowRequest()).as("the probe").isTrue();
    assertThat(breaker.allowRequest()).as("others wait for the probe").isFalse();
    breaker.failure();
    assertThat(breaker.allowRequest()).isFalse();
    clock.advanceMillis(5_000);
    assertThat(breaker.allowRequest()).isTrue();
    breaker.success();
    assertThat(breaker.open()).isFalse();
    assertThat(breaker.allowRequest()).isTrue();
    assertThat(breaker.allowRequest()).isTrue();
  }
}
