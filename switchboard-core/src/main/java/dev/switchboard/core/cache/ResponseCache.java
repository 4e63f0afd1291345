package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;

/**
 * The exact tiers: in-process first, then the shared Redis tier (when configured), whose hits refill the
 * in-process tier. Stores write both.
 */
public final class ResponseCache {
  private final LocalTier local;
  private final SharedTier shared;
  private final CacheStats stats = new CacheStats();
  private final long localFillTtlSeconds;

  /**
   * @param maxBytes bytes the in-process tier may hold
   * @param shared the Redis tier, or null
   * @param localFillTtlSeconds the longest an answer found in Redis stays in the in-process tier (never longer
   *     than it has left in Redis)
   */
  public ResponseCache(long maxBytes, SharedTier shared, Clock clock, long localFillTtlSeconds) {
    this.local = new LocalTier(maxBytes, clock);
    this.shared = shared;
    this.localFillTtlSeconds = localFillTtlSeconds;
  }

  /** The in-process bytes for a key, or null (synchronous: the common miss costs one hash look-up). */
  byte[] getLocal(String key) {
    return local.get(key);
  }

  boolean hasShared() {
    return shared != null;
  }

  /** Looks in Redis; a hit refills the in-process tier. Null on a miss or when Redis is down. */
  Future<byte[]> getShared(String key) {
    if (shared == null) {
      return Future.succeededFuture(null);
    }
    return shared.get(key).map(found -> {
      if (found == null) {
        return null;
      }
      long seconds = Math.min(localFillTtlSeconds, found.ttlMillis() / 1000);
      if (seconds > 0) {
        local.put(key, found.bytes(), seconds);
      }
      stats.sharedHits.increment();
      return found.bytes();
    });
  }

  /** Looks in every tier. */
  public Future<byte[]> get(String key) {
    byte[] bytes = local.get(key);
    return bytes != null ? Future.succeededFuture(bytes) : getShared(key);
  }

  /** Stores in every tier; the Redis write is not awaited. */
  public void put(String key, byte[] bytes, long ttlSeconds) {
    if (ttlSeconds <= 0) {
      return;
    }
    local.put(key, bytes, ttlSeconds);
    stats.stores.increment();
    if (shared != null) {
      shared.put(key, bytes, ttlSeconds);
    }
  }

  /** Purges every answer of a tenant's namespace in every tier; yields how many entries went. */
  public Future<Long> purgeNamespace(String tenant, String namespace) {
    String prefix = CacheScope.prefix(tenant, namespace);
    long removed = local.purgePrefix(prefix);
    if (shared == null) {
      return Future.succeededFuture(removed);
    }
    return shared.purgePrefix(prefix).map(n -> Math.max(n, removed));
  }

  /** Purges one key in every tier. */
  public Future<Boolean> purgeKey(String key) {
    boolean removed = local.remove(key);
    if (shared == null) {
      return Future.succeededFuture(removed);
    }
    return shared.delete(key).map(r -> r || removed);
  }

  public CacheStats stats() {
    return stats;
  }

  /** The statistics document for /admin/cache. */
  public ObjectNode statsJson() {
    ObjectNode json = stats.toJson();
    ObjectNode localJson = json.putObject("local");
    localJson.put("entries", local.size());
    localJson.put("bytes", local.weightedBytes());
    if (shared != null) {
      ObjectNode sharedJson = json.putObject("redis");
      sharedJson.put("available", !shared.isDown());
      sharedJson.put("errors", shared.errors());
    }
    return json;
  }

  void cleanUp() {
    local.cleanUp();
  }
}
