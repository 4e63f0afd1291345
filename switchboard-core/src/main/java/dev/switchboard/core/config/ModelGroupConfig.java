package dev.switchboard.core.config;

import java.util.List;

/**
 * A public model name and the deployments that serve it. A name ending in {@code *} matches every requested
 * model with that prefix (for example {@code openai/*}). {@code fallbacks} names other groups tried, in order,
 * after this one's deployments; {@code hedge} overrides the routing-wide hedging settings for this group.
 */
public record ModelGroupConfig(
    String name,
    String strategy,
    List<DeploymentConfig> deployments,
    List<String> fallbacks,
    Integer maxAttempts,
    String description,
    HedgeConfig hedge) {

  public ModelGroupConfig {
    strategy = strategy == null ? "priority" : strategy;
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
  }

  public ModelGroupConfig(String name, String strategy, List<DeploymentConfig> deployments, List<String> fallbacks,
      Integer maxAttempts, String description) {
    this(name, strategy, deployments, fallbacks, maxAttempts, description, null);
  }

  public boolean isWildcard() {
    return name != null && name.endsWith("*");
  }
}
