package dev.switchboard.core.config;

/** How failed upstream attempts are retried. */
public record RetryConfig(Integer maxAttempts, Integer baseBackoffMs, Integer maxBackoffMs, Double budgetRatio) {
  public RetryConfig {
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    baseBackoffMs = baseBackoffMs == null ? 100 : baseBackoffMs;
    maxBackoffMs = maxBackoffMs == null ? 2_000 : maxBackoffMs;
    budgetRatio = budgetRatio == null ? 0.2 : budgetRatio;
  }

  public static RetryConfig defaults() {
    return new RetryConfig(null, null, null, null);
  }
}
