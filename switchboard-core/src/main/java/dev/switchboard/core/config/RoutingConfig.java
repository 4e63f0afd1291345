package dev.switchboard.core.config;

/** Defaults for every model group's routing: retries, passive health (outlier detection) and hedging. */
public record RoutingConfig(RetryConfig retry, HealthConfig health, HedgeConfig hedge) {
  public RoutingConfig {
    retry = retry == null ? RetryConfig.defaults() : retry;
    health = health == null ? HealthConfig.defaults() : health;
    hedge = hedge == null ? HedgeConfig.defaults() : hedge;
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(null, null, null);
  }
}
