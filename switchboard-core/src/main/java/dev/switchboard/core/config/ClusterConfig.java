package dev.switchboard.core.config;

/** Shared state between gateway nodes. Absent: every node works alone. */
public record ClusterConfig(RedisConfig redis, String nodeId) {
  public static ClusterConfig defaults() {
    return new ClusterConfig(null, null);
  }
}
