package dev.switchboard.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.Map;

/** What an open-loop run did: requests sent, shed and answered by status, achieved rate and latency. */
public record LoadReport(String url, double targetRate, long sent, long completed, long shed,
    Map<Integer, Long> statuses, long elapsedNanos, LatencyRecorder latencies) {

  /** Answers with a 2xx status. */
  public long succeeded() {
    long ok = 0;
    for (Map.Entry<Integer, Long> entry : statuses.entrySet()) {
      if (entry.getKey() >= 200 && entry.getKey() < 300) {
        ok += entry.getValue();
      }
    }
    return ok;
  }

  public double achievedRate() {
    return elapsedNanos <= 0 ? 0 : completed * 1e9 / elapsedNanos;
  }

  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("url", url);
    json.put("target_rate", targetRate);
    json.put("sent", sent);
    json.put("completed", completed);
    json.put("succeeded", succeeded());
    json.put("shed", shed);
    json.put("achieved_rate", round(achievedRate()));
    ObjectNode byStatus = json.putObject("statuses");
    statuses.forEach((status, count) -> byStatus.put(status == 0 ? "transport_error" : status.toString(), count));
    ObjectNode latency = json.putObject("latency_ms");
    latency.put("p50", round(latencies.percentileMillis(50)));
    latency.put("p90", round(latencies.percentileMillis(90)));
    latency.put("p99", round(latencies.percentileMillis(99)));
    latency.put("p999", round(latencies.percentileMillis(99.9)));
    latency.put("max", round(latencies.maxMillis()));
    return json;
  }

  public String summary() {
    return String.format("sent %d, answered %d (%d ok), shed %d, %.0f req/s; latency from intended send: "
        + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", sent, completed, succeeded(), shed, achievedRate(),
        latencies.percentileMillis(50), latencies.percentileMillis(90), latencies.percentileMillis(99),
        latencies.maxMillis());
  }

  static double round(double value) {
    return Double.isNaN(value) ? 0 : Math.round(value * 1000) / 1000.0;
  }
}
