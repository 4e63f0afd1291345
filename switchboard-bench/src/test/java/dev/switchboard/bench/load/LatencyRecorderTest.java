package dev.switchboard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentiles_oneToThousandMillis_matchRankWithinPrecision() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int millis = 1; millis <= 1000; millis++) {
      recorder.recordNanos(millis * 1_000_000L);
    }
    assertThat(recorder.count()).isEqualTo(1000);
    assertThat(recorder.percentileMillis(50)).isCloseTo(500, within(0.5));
    assertThat(recorder.percentileMillis(99)).isCloseTo(990, within(1.0));
    assertThat(recorder.maxMillis()).isCloseTo(1000, within(1.0));
    assertThat(recorder.meanMillis()).isCloseTo(500.5, within(0.5));
  }

  @Test
  void percentiles_skewedSample_tailDoesNotMoveMedian() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < 98; i++) {
      recorder.recordMicros(400);
    }
    recorder.recordMicros(2_000_000);
    recorder.recordMicros(2_000_000);
    assertThat(recorder.percentileMillis(50)).isCloseTo(0.4, within(0.001));
    assertThat(recorder.percentileMillis(99)).isCloseTo(2000, within(2.0));
  }

  @Test
  void add_twoRecorders_mergesCounts() {
    LatencyRecorder first = new LatencyRecorder();
    LatencyRecorder second = new LatencyRecorder();
    first.recordMicros(1_000);
    second.recordMicros(3_000);
    first.add(second);
    assertThat(first.count()).isEqualTo(2);
    assertThat(first.percentileMillis(100)).isCloseTo(3.0, within(0.01));
  }

  @Test
  void percentiles_empty_areNaN() {
    assertThat(new LatencyRecorder().percentileMillis(50)).isNaN();
  }

  @Test
  void parseMillis_units_convert() {
    assertThat(Durations.parseMillis("500ms")).isEqualTo(500);
    assertThat(Durations.parseMillis("60s")).isEqualTo(60_000);
    assertThat(Durations.parseMillis("2m")).isEqualTo(120_000);
    assertThat(Durations.parseMillis("1.5")).isEqualTo(1_500);
    assertThatThrownBy(() -> Durations.parseMillis("soon")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.parseMillis("0s")).isInstanceOf(IllegalArgumentException.class);
  }
}
