package dev.switchboard.core.config;

import java.util.List;

/**
 * The request log, body sampling, retention, metrics, traces and price overrides. {@code admin_key} opens the
 * metrics, usage, logs and prices admin endpoints (they answer 403 while it is unset).
 * {@code enabled: false} takes recording (request log, metrics, cost) off the request path altogether.
 */
public record ObservabilityConfig(
    RequestLogConfig requestLog,
    SamplingConfig sampling,
    RetentionConfig retention,
    TracingConfig tracing,
    Boolean metrics,
    List<PriceConfig> prices,
    String adminKey,
    Boolean enabled) {

  public ObservabilityConfig {
    requestLog = requestLog == null ? RequestLogConfig.defaults() : requestLog;
    sampling = sampling == null ? SamplingConfig.defaults() : sampling;
    retention = retention == null ? RetentionConfig.defaults() : retention;
    tracing = tracing == null ? TracingConfig.defaults() : tracing;
    metrics = metrics == null ? Boolean.TRUE : metrics;
    prices = prices == null ? List.of() : List.copyOf(prices);
    enabled = enabled == null ? Boolean.TRUE : enabled;
  }

  public static ObservabilityConfig defaults() {
    return new ObservabilityConfig(null, null, null, null, null, null, null, null);
  }

  /** A description safe to log: never includes the admin key. */
  @Override
  public String toString() {
    return "ObservabilityConfig[requestLog=" + requestLog + ", sampling=" + sampling + ", retention=" + retention
        + ", tracing=" + tracing + ", metrics=" + metrics + ", prices=" + prices.size() + ", adminKey="
        + (adminKey == null ? "unset" : "set") + ", enabled=" + enabled + "]";
  }

  /**
   * How records reach the store: batched off the event loop; when the store is down they go to an append-only
   * spool file in {@code spool_dir} (default: {@code <store.data_dir>/spool}) and are replayed later.
   */
  public record RequestLogConfig(Boolean enabled, Integer batchSize, Integer flushIntervalMs,
      Integer retryIntervalMs, String spoolDir) {
    public RequestLogConfig {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      batchSize = batchSize == null ? 256 : batchSize;
      flushIntervalMs = flushIntervalMs == null ? 200 : flushIntervalMs;
      retryIntervalMs = retryIntervalMs == null ? 1000 : retryIntervalMs;
    }

    public static RequestLogConfig defaults() {
      return new RequestLogConfig(null, null, null, null, null);
    }
  }

  /**
   * Which request and response bodies are kept (metadata is always kept): a random {@code body_rate} of
   * requests, plus every error and every request slower than {@code slow_ms} or the recent p99.
   * {@code redact} holds extra regular expressions (PII) replaced before storage, on top of built-in secrets.
   */
  public record SamplingConfig(Double bodyRate, Long slowMs, Boolean slowerThanP99, Integer maxBodyBytes,
      List<String> redact) {
    public SamplingConfig {
      bodyRate = bodyRate == null ? 0.01 : bodyRate;
      slowMs = slowMs == null ? 10_000L : slowMs;
      slowerThanP99 = slowerThanP99 == null ? Boolean.TRUE : slowerThanP99;
      maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
      redact = redact == null ? List.of() : List.copyOf(redact);
    }

    public static SamplingConfig defaults() {
      return new SamplingConfig(null, null, null, null, null);
    }
  }

  /** Background deletion of old records: older than {@code max_age_days} or beyond {@code max_rows}. */
  public record RetentionConfig(Integer maxAgeDays, Long maxRows, Integer intervalSeconds) {
    public RetentionConfig {
      maxAgeDays = maxAgeDays == null ? 30 : maxAgeDays;
      maxRows = maxRows == null ? 5_000_000L : maxRows;
      intervalSeconds = intervalSeconds == null ? 300 : intervalSeconds;
    }

    public static RetentionConfig defaults() {
      return new RetentionConfig(null, null, null);
    }
  }

  /** OpenTelemetry traces (GenAI conventions), exported over OTLP/HTTP when enabled. */
  public record TracingConfig(Boolean enabled, String otlpEndpoint, String serviceName, Double sampleRatio) {
    public TracingConfig {
      enabled = enabled == null ? Boolean.FALSE : enabled;
      otlpEndpoint = otlpEndpoint == null ? "http://127.0.0.1:4318/v1/traces" : otlpEndpoint;
      serviceName = serviceName == null ? "switchboard" : serviceName;
      sampleRatio = sampleRatio == null ? 1.0 : sampleRatio;
    }

    public static TracingConfig defaults() {
      return new TracingConfig(null, null, null, null);
    }
  }

  /** A price that replaces (or adds to) the bundled catalogue, in USD per 1M tokens. */
  public record PriceConfig(String provider, String model, Double input, Double output, Double cachedInput,
      Double cacheWrite, Double reasoning, LongContextPriceConfig longContext, String source, String asOf) {}

  /** A long-context tier of a {@link PriceConfig}. */
  public record LongContextPriceConfig(Long threshold, Double input, Double output, Double cachedInput,
      Double cacheWrite) {}
}
