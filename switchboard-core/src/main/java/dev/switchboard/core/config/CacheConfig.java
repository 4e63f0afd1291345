package dev.switchboard.core.config;

/** Response cache settings (exact tier, then semantic tier). */
public record CacheConfig(Boolean enabled, Long maxBytes, Integer ttlSeconds, RedisConfig redis) {
  public CacheConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    maxBytes = maxBytes == null ? 256L * 1024 * 1024 : maxBytes;
    ttlSeconds = ttlSeconds == null ? 3600 : ttlSeconds;
  }

  public static CacheConfig defaults() {
    return new CacheConfig(null, null, null, null);
  }
}
