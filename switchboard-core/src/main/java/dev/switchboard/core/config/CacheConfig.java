package dev.switchboard.core.config;

/**
 * Response cache settings: the exact tier (in-process, then Redis when {@code redis} is set), then the semantic
 * tier.
 *
 * @param maxBytes bytes the in-process tier may hold
 * @param ttlSeconds default time to live of an entry (a request may ask for less with x-switchboard-cache-ttl)
 * @param maxTtlSeconds the longest time to live a request may ask for
 * @param maxEntryBytes the largest answer stored (a longer stream is passed through and not stored)
 * @param redis the shared tier; absent means in-process only
 * @param redisTimeoutMs deadline of one Redis operation
 * @param redisBackoffMs how long Redis is skipped after a failure
 * @param singleFlightTimeoutMs how long identical concurrent misses wait for the first before calling upstream
 * @param semantic the semantic tier
 */
public record CacheConfig(Boolean enabled, Long maxBytes, Integer ttlSeconds, Integer maxTtlSeconds,
    Integer maxEntryBytes, RedisConfig redis, Integer redisTimeoutMs, Integer redisBackoffMs,
    Integer singleFlightTimeoutMs, SemanticCacheConfig semantic) {
  public CacheConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    maxBytes = maxBytes == null ? 256L * 1024 * 1024 : maxBytes;
    ttlSeconds = ttlSeconds == null ? 3600 : ttlSeconds;
    maxTtlSeconds = maxTtlSeconds == null ? Math.max(ttlSeconds, 86_400) : maxTtlSeconds;
    maxEntryBytes = maxEntryBytes == null ? 1024 * 1024 : maxEntryBytes;
    redisTimeoutMs = redisTimeoutMs == null ? 100 : redisTimeoutMs;
    redisBackoffMs = redisBackoffMs == null ? 1000 : redisBackoffMs;
    singleFlightTimeoutMs = singleFlightTimeoutMs == null ? 120_000 : singleFlightTimeoutMs;
    semantic = semantic == null ? SemanticCacheConfig.defaults() : semantic;
  }

  public static CacheConfig defaults() {
    return new CacheConfig(null, null, null, null, null, null, null, null, null, null);
  }

  /** The same settings with another shared tier (null: in-process only). */
  public CacheConfig withRedis(RedisConfig shared) {
    return new CacheConfig(enabled, maxBytes, ttlSeconds, maxTtlSeconds, maxEntryBytes, shared, redisTimeoutMs,
        redisBackoffMs, singleFlightTimeoutMs, semantic);
  }

  /** The same settings with another semantic tier. */
  public CacheConfig withSemantic(SemanticCacheConfig other) {
    return new CacheConfig(enabled, maxBytes, ttlSeconds, maxTtlSeconds, maxEntryBytes, redis, redisTimeoutMs,
        redisBackoffMs, singleFlightTimeoutMs, other);
  }
}
