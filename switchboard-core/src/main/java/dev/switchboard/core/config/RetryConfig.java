package dev.switchboard.core.config;

/**
 * How failed upstream attempts are retried. Moving to another deployment is immediate; coming back to one already
 * tried waits an exponential backoff with full jitter ({@code base_backoff_ms · 2^n}, capped at
 * {@code max_backoff_ms}), or the provider's Retry-After when that is longer (up to {@code max_retry_after_ms}).
 * Extra attempts (retries and hedges) are bounded by a budget: at most {@code budget_ratio} of the requests seen in
 * the last {@code budget_window_ms}, plus {@code min_retries_per_second} so that a quiet gateway can still retry.
 * A key that got a 429 without Retry-After cools down for {@code key_cooldown_ms}.
 */
public record RetryConfig(Integer maxAttempts, Integer baseBackoffMs, Integer maxBackoffMs, Double budgetRatio,
    Integer budgetWindowMs, Integer minRetriesPerSecond, Integer maxRetryAfterMs, Integer keyCooldownMs) {
  public RetryConfig {
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    baseBackoffMs = baseBackoffMs == null ? 100 : baseBackoffMs;
    maxBackoffMs = maxBackoffMs == null ? 2_000 : maxBackoffMs;
    budgetRatio = budgetRatio == null ? 0.2 : budgetRatio;
    budgetWindowMs = budgetWindowMs == null ? 10_000 : budgetWindowMs;
    minRetriesPerSecond = minRetriesPerSecond == null ? 5 : minRetriesPerSecond;
    maxRetryAfterMs = maxRetryAfterMs == null ? 10_000 : maxRetryAfterMs;
    keyCooldownMs = keyCooldownMs == null ? 1_000 : keyCooldownMs;
  }

  public static RetryConfig defaults() {
    return new RetryConfig(null, null, null, null, null, null, null, null);
  }
}
