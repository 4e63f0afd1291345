package dev.switchboard.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HitAccountTest {
  @Test
  void hitRate_fixedMix_countsHitsOverAllAnswered() {
    HitAccount account = new HitAccount();
    record(account, Workload.Kind.NEW, 40, 0);
    record(account, Workload.Kind.HARD_NEGATIVE, 10, 2);
    record(account, Workload.Kind.EXACT_REPEAT, 30, 30);
    record(account, Workload.Kind.PARAPHRASE, 20, 5);
    assertThat(account.answered()).isEqualTo(100);
    assertThat(account.hits()).isEqualTo(37);
    assertThat(account.hitRate()).isCloseTo(0.37, within(1e-12));
    assertThat(account.ceiling()).isCloseTo(0.50, within(1e-12));
    assertThat(account.falseHits()).isEqualTo(2);
    assertThat(account.falseHitRate()).isCloseTo(2.0 / 50, within(1e-12));
    assertThat(account.hitRate(Workload.Kind.PARAPHRASE)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void hitRate_nothingAnswered_isNaN() {
    HitAccount account = new HitAccount();
    assertThat(account.hitRate()).isNaN();
    assertThat(account.falseHitRate()).isNaN();
  }

  @Test
  void isHit_cacheHeaderValues_recogniseHitsOnly() {
    assertThat(Outcome.isHit("hit")).isTrue();
    assertThat(Outcome.isHit("semantic-hit")).isTrue();
    assertThat(Outcome.isHit("miss")).isFalse();
    assertThat(Outcome.isHit("bypass")).isFalse();
    assertThat(Outcome.isHit(null)).isFalse();
  }

  private static void record(HitAccount account, Workload.Kind kind, int answered, int hits) {
    for (int i = 0; i < answered; i++) {
      account.record(kind, i < hits);
    }
  }
}
