package dev.switchboard.core.config;

/**
 * Shared state between gateway nodes. Absent: every node works alone. {@code health_channel} is the Redis pub/sub
 * channel health changes travel on (default {@code switchboard:health}); gateways that share one Redis but are
 * separate clusters give each cluster its own channel.
 */
public record ClusterConfig(RedisConfig redis, String nodeId, String healthChannel) {
  public ClusterConfig {
    healthChannel = healthChannel == null || healthChannel.isBlank() ? "switchboard:health" : healthChannel;
  }

  public ClusterConfig(RedisConfig redis, String nodeId) {
    this(redis, nodeId, null);
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(null, null, null);
  }
}
