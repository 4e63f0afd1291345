package dev.switchboard.core.config;

/**
 * Passive health checking of deployments (outlier detection with a circuit breaker), after Envoy's defaults.
 * A deployment is ejected after {@code consecutive_failures} failures in a row, or when at least
 * {@code failure_minimum_requests} attempts in the last {@code interval_ms} failed at {@code failure_percentage}
 * or more. It stays out for {@code base_ejection_ms} times the number of times it was ejected (capped at
 * {@code max_ejection_ms}), then {@code half_open_probes} requests probe it: a success lets it back in, a failure
 * ejects it again for longer. No more than {@code max_ejection_percent} of a group is ejected at once (but always
 * at least one deployment may be).
 */
public record HealthConfig(Integer consecutiveFailures, Integer failurePercentage, Integer failureMinimumRequests,
    Integer intervalMs, Integer baseEjectionMs, Integer maxEjectionMs, Integer maxEjectionPercent,
    Integer halfOpenProbes) {
  public HealthConfig {
    consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
    failurePercentage = failurePercentage == null ? 85 : failurePercentage;
    failureMinimumRequests = failureMinimumRequests == null ? 50 : failureMinimumRequests;
    intervalMs = intervalMs == null ? 10_000 : intervalMs;
    baseEjectionMs = baseEjectionMs == null ? 30_000 : baseEjectionMs;
    maxEjectionMs = maxEjectionMs == null ? 300_000 : maxEjectionMs;
    maxEjectionPercent = maxEjectionPercent == null ? 10 : maxEjectionPercent;
    halfOpenProbes = halfOpenProbes == null ? 1 : halfOpenProbes;
  }

  public static HealthConfig defaults() {
    return new HealthConfig(null, null, null, null, null, null, null, null);
  }
}
