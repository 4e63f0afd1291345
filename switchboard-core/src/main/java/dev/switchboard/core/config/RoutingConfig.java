package dev.switchboard.core.config;

/** Defaults for every model group's routing. */
public record RoutingConfig(RetryConfig retry) {
  public RoutingConfig {
    retry = retry == null ? RetryConfig.defaults() : retry;
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(null);
  }
}
