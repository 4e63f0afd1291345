package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.bench.load.LatencyRecorder;

/** The arithmetic of one outage's three failover figures (see {@link FailoverPhase}). */
final class FailoverFigures {
  private FailoverFigures() {}

  /**
   * @param outageNanos how long the provider was dead
   * @param lastTouchNanos send time of the last request that still tried the dead provider, after the death
   *     (-1 if none did)
   * @param backInNanos send time of the first request it answered after the heal, after the heal (-1 if none)
   */
  static ObjectNode of(long outageNanos, long sent, long failed, LatencyRecorder retried, LatencyRecorder healthy,
      long lastTouchNanos, long backInNanos) {
    ObjectNode json = Json.object();
    json.put("outage_ms", PhaseStats.round(outageNanos / 1e6));
    json.put("requests_during_outage", sent);
    json.put("failed_during_outage", failed);
    json.put("failed_over", retried.count());
    double extra = retried.percentileMillis(50) - healthy.percentileMillis(50);
    json.put("extra_latency_p50_ms", PhaseStats.round(extra));
    boolean stillSending = lastTouchNanos >= 0 && lastTouchNanos > outageNanos * 0.9;
    json.put("still_sending_at_recovery", stillSending);
    Double stop;
    if (stillSending || sent == 0) {
      stop = null;
    } else {
      stop = lastTouchNanos < 0 ? 0.0 : PhaseStats.round(lastTouchNanos / 1e6);
    }
    json.put("time_to_stop_sending_ms", stop);
    json.put("time_to_readmit_ms", backInNanos < 0 ? null : PhaseStats.round(backInNanos / 1e6));
    return json;
  }
}
