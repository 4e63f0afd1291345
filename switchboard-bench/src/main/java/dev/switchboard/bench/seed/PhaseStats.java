package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.bench.load.LatencyRecorder;
import java.util.Map;
import java.util.TreeMap;

/** Everything one measured phase (direct or through the gateway) adds up: latency, throughput, cache and cost. */
final class PhaseStats {
  private final LatencyRecorder uncached = new LatencyRecorder();
  private final LatencyRecorder all = new LatencyRecorder();
  private final HitAccount hits = new HitAccount();
  private final CostAccount cost;
  private final Map<String, Long> statuses = new TreeMap<>();
  private long completed;
  private long succeeded;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;

  PhaseStats(PriceSheet prices) {
    this.cost = new CostAccount(prices);
  }

  void record(Outcome outcome) {
    completed++;
    statuses.merge(outcome.status() == 0 ? "transport_error" : Integer.toString(outcome.status()), 1L, Long::sum);
    firstStart = Math.min(firstStart, outcome.startNanos());
    lastEnd = Math.max(lastEnd, outcome.endNanos());
    if (!outcome.ok()) {
      return;
    }
    succeeded++;
    all.recordNanos(outcome.latencyNanos());
    if (!outcome.request().kind().cacheable()) {
      uncached.recordNanos(outcome.latencyNanos());
    }
    hits.record(outcome.request().kind(), outcome.cacheHit());
    cost.add(outcome.request().model(), outcome.inputTokens(), outcome.outputTokens(), !outcome.cacheHit(),
        outcome.reportedCostUsd());
  }

  /** Answered requests per second over the phase's measured window. */
  double throughput(long windowNanos) {
    return windowNanos <= 0 ? 0 : succeeded * 1e9 / windowNanos;
  }

  LatencyRecorder uncached() {
    return uncached;
  }

  LatencyRecorder all() {
    return all;
  }

  HitAccount hits() {
    return hits;
  }

  CostAccount cost() {
    return cost;
  }

  long completed() {
    return completed;
  }

  long succeeded() {
    return succeeded;
  }

  ObjectNode toJson(long windowNanos) {
    ObjectNode json = Json.object();
    json.put("completed", completed);
    json.put("succeeded", succeeded);
    json.put("window_s", round(windowNanos / 1e9));
    json.put("throughput_rps", round(throughput(windowNanos)));
    ObjectNode byStatus = json.putObject("statuses");
    statuses.forEach(byStatus::put);
    json.set("latency_uncached_ms", latency(uncached));
    json.set("latency_all_ms", latency(all));
    ObjectNode cache = json.putObject("cache");
    cache.put("hit_rate", round(hits.hitRate()));
    cache.put("ceiling", round(hits.ceiling()));
    cache.put("hits", hits.hits());
    cache.put("false_hits", hits.falseHits());
    cache.put("false_hit_rate", round(hits.falseHitRate()));
    ObjectNode kinds = cache.putObject("by_kind");
    for (Workload.Kind kind : Workload.Kind.values()) {
      kinds.putObject(kind.name().toLowerCase(java.util.Locale.ROOT)).put("answered", hits.answered(kind))
          .put("hits", hits.hits(kind));
    }
    ObjectNode money = json.putObject("cost");
    money.put("spend_usd", round(cost.spendUsd()));
    money.put("delivered_tokens", cost.deliveredTokens());
    money.put("paid_tokens", cost.paidTokens());
    money.put("cost_per_1m_tokens_usd", round(cost.costPerMillionTokens()));
    money.put("gateway_reported_responses", cost.reportedResponses());
    money.put("gateway_reported_cost_per_1m_tokens_usd", round(cost.reportedCostPerMillionTokens()));
    return json;
  }

  static ObjectNode latency(LatencyRecorder recorder) {
    ObjectNode json = Json.object();
    json.put("count", recorder.count());
    json.put("p50", round(recorder.percentileMillis(50)));
    json.put("p90", round(recorder.percentileMillis(90)));
    json.put("p99", round(recorder.percentileMillis(99)));
    json.put("max", round(recorder.maxMillis()));
    return json;
  }

  /** Three decimals; null when nothing was measured (NaN), which JSON writes as null. */
  static Double round(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 1000) / 1000.0;
  }
}
