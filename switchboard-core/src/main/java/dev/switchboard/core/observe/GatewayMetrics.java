package dev.switchboard.core.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Prometheus metrics. Per-request meters are updated from the request log's writer thread (as a
 * {@link RequestLog.Listener}), so the event loop pays nothing for them; only the in-flight gauge is touched on
 * the request path. {@link #scrape()} renders the text exposition format for {@code /metrics}.
 */
public final class GatewayMetrics implements RequestLog.Listener {
  private static final Duration[] LATENCY_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
      30_000, 60_000);
  private static final Duration[] OVERHEAD_BUCKETS = micros(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
      50_000);
  private static final String NONE = "none";
  private static final String[] TOKEN_KINDS = {"prompt", "completion", "cached", "cache_creation", "reasoning"};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong inFlight = new AtomicLong();
  private final Map<RequestKey, Counter> requestCounters = new ConcurrentHashMap<>();
  private final Map<String, ModelMeters> modelMeters = new ConcurrentHashMap<>();
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Timer overhead;
  private final Counter cacheSaved;

  public GatewayMetrics() {
    Gauge.builder(MetricNames.IN_FLIGHT, inFlight, AtomicLong::get).register(registry);
    overhead = Timer.builder(MetricNames.GATEWAY_OVERHEAD).serviceLevelObjectives(OVERHEAD_BUCKETS).register(registry);
    cacheSaved = Counter.builder(MetricNames.CACHE_SAVED_USD).register(registry);
  }

  /** The counter the access-log filter moves as requests start and finish. */
  public AtomicLong inFlight() {
    return inFlight;
  }

  /** Exposes the request log's queue, spool and store state. */
  public void watch(RequestLog log) {
    Gauge.builder(MetricNames.LOG_QUEUED, log, RequestLog::queued).register(registry);
    Gauge.builder(MetricNames.LOG_SPOOLED, log, RequestLog::spooled).register(registry);
    Gauge.builder(MetricNames.LOG_STORE_UP, log, l -> l.storeAvailable() ? 1 : 0).register(registry);
  }

  /** Registers a provider's health (1 healthy, 0 not), read at scrape time. */
  public void providerHealth(String provider, Supplier<Boolean> healthy) {
    Gauge.builder(MetricNames.PROVIDER_HEALTHY, healthy, h -> Boolean.TRUE.equals(h.get()) ? 1 : 0)
        .tag("provider", provider).register(registry);
  }

  /** Registers one provider key's health; {@code key} is a label such as its index, never the key itself. */
  public void keyHealth(String provider, String key, Supplier<Boolean> healthy) {
    Gauge.builder(MetricNames.KEY_HEALTHY, healthy, h -> Boolean.TRUE.equals(h.get()) ? 1 : 0)
        .tag("provider", provider).tag("key", key).register(registry);
  }

  @Override
  public void onRecord(LogEntry e, LogRow row) {
    String provider = orNone(e.provider());
    String model = orNone(e.servedModel());
    String cache = orNone(e.cacheStatus());
    String status = (e.status() / 100) + "xx";
    requestCounters.computeIfAbsent(new RequestKey(provider, model, status, cache, e.stream()),
        k -> Counter.builder(MetricNames.REQUESTS).tag("provider", k.provider()).tag("model", k.model())
            .tag("status", k.status()).tag("cache", k.cache()).tag("stream", Boolean.toString(k.stream()))
            .register(registry)).increment();
    if (e.isError()) {
      String errorType = orNone(e.errorType());
      counters.computeIfAbsent(new CounterKey(MetricNames.ERRORS, provider, model, errorType),
          k -> Counter.builder(MetricNames.ERRORS).tag("provider", k.provider()).tag("model", k.model())
              .tag("error_type", k.extra()).register(registry)).increment();
    }
    ModelMeters meters = modelMeters.computeIfAbsent(provider + '\u0000' + model,
        k -> new ModelMeters(provider, model));
    (e.stream() ? meters.streamDuration : meters.duration).record(e.totalNanos(), TimeUnit.NANOSECONDS);
    if (e.stream() && e.firstTokenNanos() > 0) {
      meters.firstToken.record(e.firstTokenNanos(), TimeUnit.NANOSECONDS);
    }
    overhead.record(e.overheadNanos(), TimeUnit.NANOSECONDS);
    increment(meters.tokens[0], e.promptTokens());
    increment(meters.tokens[1], e.completionTokens());
    increment(meters.tokens[2], e.cachedTokens());
    increment(meters.tokens[3], e.cacheCreationTokens());
    increment(meters.tokens[4], e.reasoningTokens());
    if (e.costUsd() > 0) {
      meters.cost.increment(e.costUsd());
    }
    if (cache.contains("hit")) {
      counters.computeIfAbsent(new CounterKey(MetricNames.CACHE_HITS, null, null, cache),
          k -> Counter.builder(MetricNames.CACHE_HITS).tag("cache", k.extra()).register(registry)).increment();
      cacheSaved.increment(e.savedCostUsd());
    }
    for (String outcome : e.guardOutcomes()) {
      guardOutcome(outcome);
    }
    if (e.attempts().size() > 1 || (e.attempts().size() == 1 && e.attempts().get(0).hedge())) {
      attempts(e);
    }
  }

  /** An outcome reads {@code check:action[:detail]}; the detail is not a tag (unbounded values). */
  private void guardOutcome(String outcome) {
    int first = outcome.indexOf(':');
    if (first <= 0) {
      return;
    }
    int second = outcome.indexOf(':', first + 1);
    String action = second < 0 ? outcome.substring(first + 1) : outcome.substring(first + 1, second);
    Counter.builder(MetricNames.GUARD_OUTCOMES).tag("check", outcome.substring(0, first)).tag("action", action)
        .register(registry).increment();
  }

  private static void increment(Counter counter, long count) {
    if (count > 0) {
      counter.increment(count);
    }
  }

  /** A counter's name and tags (unused tags null), so each counter is built once. */
  private record CounterKey(String name, String provider, String model, String extra) {}

  /** The tags of the requests counter. */
  private record RequestKey(String provider, String model, String status, String cache, boolean stream) {}

  /** The meters of one provider and model, registered once. */
  private final class ModelMeters {
    final Timer duration;
    final Timer streamDuration;
    final Timer firstToken;
    final Counter[] tokens = new Counter[TOKEN_KINDS.length];
    final Counter cost;

    ModelMeters(String provider, String model) {
      duration = timer(MetricNames.REQUEST_DURATION, LATENCY_BUCKETS, provider, model).tag("stream", "false")
          .register(registry);
      streamDuration = timer(MetricNames.REQUEST_DURATION, LATENCY_BUCKETS, provider, model).tag("stream", "true")
          .register(registry);
      firstToken = timer(MetricNames.TIME_TO_FIRST_TOKEN, LATENCY_BUCKETS, provider, model).register(registry);
      for (int i = 0; i < TOKEN_KINDS.length; i++) {
        tokens[i] = Counter.builder(MetricNames.TOKENS).tag("provider", provider).tag("model", model)
            .tag("kind", TOKEN_KINDS[i]).register(registry);
      }
      cost = Counter.builder(MetricNames.COST_USD).tag("provider", provider).tag("model", model).register(registry);
    }
  }

  private void attempts(LogEntry e) {
    AttemptRecord previous = null;
    for (AttemptRecord attempt : e.attempts()) {
      String name = null;
      if (attempt.hedge()) {
        name = MetricNames.HEDGES;
      } else if (previous != null) {
        name = attempt.deployment() != null && attempt.deployment().equals(previous.deployment())
            ? MetricNames.RETRIES : MetricNames.FALLBACKS;
      }
      if (name != null) {
        counters.computeIfAbsent(new CounterKey(name, orNone(attempt.provider()), null, null),
            k -> Counter.builder(k.name()).tag("provider", k.provider()).register(registry)).increment();
      }
      previous = attempt;
    }
  }

  private static Timer.Builder timer(String name, Duration[] buckets, String provider, String model) {
    return Timer.builder(name).serviceLevelObjectives(buckets).tag("provider", provider).tag("model", model);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private static String orNone(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }

  private static Duration[] micros(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(values[i] * 1000);
    }
    return out;
  }
}
