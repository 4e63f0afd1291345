package dev.switchboard.core.cache;

import dev.switchboard.core.cache.semantic.LocalSemanticTier;
import dev.switchboard.core.cache.semantic.MiniLmEmbedder;
import dev.switchboard.core.cache.semantic.SemanticStream;
import dev.switchboard.core.config.CacheConfig;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * Builds the response cache of one gateway node from its configuration: the in-process tier, the Redis tier when
 * {@code cache.redis} is set, and the semantic tier when {@code cache.semantic.enabled} (shared between nodes
 * through a Redis stream when Redis is configured). One instance per node, shared by every event loop.
 */
public final class CacheAssembly {
  private static final long WARM_UP_MILLIS = 10_000;

  private final CacheFilter filter;
  private final Redis redis;
  private final LocalSemanticTier semantic;
  private final SemanticStream stream;
  private final Future<Boolean> redisReady;

  private CacheAssembly(CacheFilter filter, Redis redis, LocalSemanticTier semantic, SemanticStream stream,
      Future<Boolean> redisReady) {
    this.filter = filter;
    this.redisReady = redisReady;
    this.redis = redis;
    this.semantic = semantic;
    this.stream = stream;
  }

  /**
   * @param nodeId this node's name in the cluster (entries it publishes are not re-indexed by it)
   * @param savedCost prices what a hit saved (null: zero)
   */
  public static CacheAssembly create(CacheConfig config, Vertx vertx, Clock clock, String nodeId,
      CacheFilter.SavedCost savedCost) {
    Redis redis = null;
    SharedTier shared = null;
    Future<Boolean> redisReady = Future.succeededFuture(false);
    if (config.redis() != null && config.redis().url() != null && !config.redis().url().isBlank()) {
      RedisOptions options = new RedisOptions().setConnectionString(config.redis().url()).setMaxPoolWaiting(1024);
      if (config.redis().password() != null && !config.redis().password().isBlank()) {
        options.setPassword(config.redis().password());
      }
      redis = Redis.createClient(vertx, options);
      shared = new SharedTier(redis, clock, config.redisTimeoutMs(), config.redisBackoffMs());
      redisReady = shared.warmUp(WARM_UP_MILLIS);
    }
    LocalSemanticTier semantic = null;
    SemanticStream stream = null;
    if (config.semantic().enabled()) {
      MiniLmEmbedder embedder = new MiniLmEmbedder();
      semantic = new LocalSemanticTier(config.semantic(), embedder, vertx, clock);
      if (redis != null) {
        stream = new SemanticStream(redis, vertx, config.semantic().stream(), nodeId,
            config.semantic().maxEntries(), semantic, embedder.dimension());
        stream.start();
      }
    }
    ResponseCache cache = new ResponseCache(config.maxBytes(), shared, clock, config.ttlSeconds());
    CacheFilter filter = new CacheFilter(config, cache, semantic, savedCost, vertx);
    return new CacheAssembly(filter, redis, semantic, stream, redisReady);
  }

  public CacheFilter filter() {
    return filter;
  }

  /** The filter answering /admin/cache. */
  public CacheAdminFilter adminFilter() {
    return new CacheAdminFilter(filter);
  }

  /** Completes once the first Redis connection is open (true) or failed (false); false without Redis. */
  public Future<Boolean> redisReady() {
    return redisReady;
  }

  public SemanticStream stream() {
    return stream;
  }

  public Future<Void> close() {
    Future<Void> stopped = stream == null ? Future.succeededFuture() : stream.stop();
    if (semantic != null) {
      semantic.close();
    }
    return stopped.transform(ignored -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
