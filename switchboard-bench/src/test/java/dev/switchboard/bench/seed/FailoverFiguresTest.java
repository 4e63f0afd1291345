package dev.switchboard.bench.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bench.load.LatencyRecorder;
import org.junit.jupiter.api.Test;

class FailoverFiguresTest {
  @Test
  void of_ejectedProvider_reportsExtraLatencyStopAndReadmitTimes() {
    LatencyRecorder healthy = recorder(400_000, 100);
    LatencyRecorder retried = recorder(450_000, 20);
    ObjectNode json = FailoverFigures.of(8_000_000_000L, 500, 3, retried, healthy, 150_000_000L, 8_000_000L);
    assertThat(json.get("extra_latency_p50_ms").asDouble()).isBetween(49.0, 51.0);
    assertThat(json.get("time_to_stop_sending_ms").asDouble()).isEqualTo(150.0);
    assertThat(json.get("time_to_readmit_ms").asDouble()).isEqualTo(8.0);
    assertThat(json.get("still_sending_at_recovery").asBoolean()).isFalse();
    assertThat(json.get("failed_during_outage").asLong()).isEqualTo(3);
  }

  @Test
  void of_providerTriedUntilTheEnd_reportsNeverAsNull() {
    ObjectNode json = FailoverFigures.of(8_000_000_000L, 500, 500, new LatencyRecorder(), recorder(400_000, 10),
        7_990_000_000L, -1);
    assertThat(json.get("still_sending_at_recovery").asBoolean()).isTrue();
    assertThat(json.get("time_to_stop_sending_ms").isNull()).isTrue();
    assertThat(json.get("time_to_readmit_ms").isNull()).isTrue();
    assertThat(json.get("extra_latency_p50_ms").isNull()).isTrue();
  }

  @Test
  void of_noRequestTriedTheDeadProvider_stopsAtZero() {
    ObjectNode json = FailoverFigures.of(8_000_000_000L, 100, 0, new LatencyRecorder(), recorder(400_000, 10),
        -1, 1_000_000L);
    assertThat(json.get("time_to_stop_sending_ms").asDouble()).isZero();
  }

  private static LatencyRecorder recorder(long micros, int count) {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < count; i++) {
      recorder.recordMicros(micros);
    }
    return recorder;
  }
}
