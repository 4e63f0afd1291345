package dev.switchboard.core.observe;

/**
 * Every metric Switchboard exports, in one place. Names are Micrometer's dotted form; Prometheus shows them with
 * underscores, counters with {@code _total} and timers in seconds (for example {@code switchboard.requests} is
 * scraped as {@code switchboard_requests_total}).
 */
public final class MetricNames {
  /** Requests answered; tags provider, model, status (class such as 2xx), cache, stream. */
  public static final String REQUESTS = "switchboard.requests";
  /** Requests that ended in an error; tags provider, model, error_type. */
  public static final String ERRORS = "switchboard.errors";
  /** Whole request latency (histogram); tags provider, model, stream. */
  public static final String REQUEST_DURATION = "switchboard.request.duration";
  /** Time to the first streamed token (histogram); tags provider, model. */
  public static final String TIME_TO_FIRST_TOKEN = "switchboard.time.to.first.token";
  /** Time spent in the gateway rather than waiting for providers (histogram). */
  public static final String GATEWAY_OVERHEAD = "switchboard.gateway.overhead";
  /** Tokens; tags provider, model, kind (prompt, completion, cached, cache_creation, reasoning). */
  public static final String TOKENS = "switchboard.tokens";
  /** Provider spend in USD at list prices; tags provider, model. */
  public static final String COST_USD = "switchboard.cost.usd";
  /** Answers served from cache; tag cache (hit, semantic_hit, ...). */
  public static final String CACHE_HITS = "switchboard.cache.hits";
  /** What cache hits would have cost upstream, USD. */
  public static final String CACHE_SAVED_USD = "switchboard.cache.saved.usd";
  /** Extra attempts at the same deployment; tag provider. */
  public static final String RETRIES = "switchboard.retries";
  /** Attempts moved to another deployment after a failure; tag provider (the one moved to). */
  public static final String FALLBACKS = "switchboard.fallbacks";
  /** Hedged (speculative) attempts; tag provider. */
  public static final String HEDGES = "switchboard.hedges";
  /** 1 when a provider is considered healthy, 0 when not; tag provider. */
  public static final String PROVIDER_HEALTHY = "switchboard.provider.healthy";
  /** 1 when a provider key is usable, 0 when cooling down; tags provider, key. */
  public static final String KEY_HEALTHY = "switchboard.key.healthy";
  /** Requests being handled now. */
  public static final String IN_FLIGHT = "switchboard.in.flight.requests";
  /** Request-log records waiting for the writer. */
  public static final String LOG_QUEUED = "switchboard.request.log.queued";
  /** Request-log records spooled while the store is unavailable. */
  public static final String LOG_SPOOLED = "switchboard.request.log.spooled";
  /** 1 when the request-log store accepts writes. */
  public static final String LOG_STORE_UP = "switchboard.request.log.store.up";

  /** Guardrail decisions; tags check (pii, injection) and action (redacted, blocked, flagged). */
  public static final String GUARD_OUTCOMES = "switchboard.guard.outcomes";

  private MetricNames() {}
}
