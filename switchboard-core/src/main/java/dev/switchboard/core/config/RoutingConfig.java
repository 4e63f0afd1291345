package dev.switchboard.core.config;

/**
 * Defaults for every model group's routing: retries, passive health (outlier detection), hedging and the optional
 * active probes.
 */
public record RoutingConfig(RetryConfig retry, HealthConfig health, HedgeConfig hedge, ProbeConfig probe) {
  public RoutingConfig {
    retry = retry == null ? RetryConfig.defaults() : retry;
    health = health == null ? HealthConfig.defaults() : health;
    hedge = hedge == null ? HedgeConfig.defaults() : hedge;
    probe = probe == null ? ProbeConfig.defaults() : probe;
  }

  public RoutingConfig(RetryConfig retry, HealthConfig health, HedgeConfig hedge) {
    this(retry, health, hedge, null);
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(null, null, null, null);
  }
}
