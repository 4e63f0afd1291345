package dev.switchboard.core.limits;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide limits: the same buckets and counters as {@link LocalRateLimiter}, kept in Redis and updated by
 * one Lua script per admission, so that every node sees one set of counters. Fails its future when Redis does
 * not answer within {@code timeoutMillis}; {@link ClusterRateLimiter} then falls back to local limits.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
  private static final RedisScript ADMIT = RedisScript.load("rate_admit.lua");
  private static final RedisScript SETTLE = RedisScript.load("rate_settle.lua");

  private final Redis redis;
  private final Clock clock;
  private final String prefix;
  private final long timeoutMillis;

  public RedisRateLimiter(Redis redis, Clock clock, String prefix, long timeoutMillis) {
    this.redis = redis;
    this.clock = clock;
    this.prefix = prefix;
    this.timeoutMillis = timeoutMillis;
  }

  /** Loads this class's scripts into Redis (at start-up, so that the first burst does not pay for it). */
  public static Future<Void> preload(Redis redis) {
    return Future.all(ADMIT.preload(redis), SETTLE.preload(redis)).mapEmpty();
  }

  @Override
  public Future<RateAdmission> admit(List<Quota> quotas, long estimatedTokens) {
    List<Quota> limited = limited(quotas);
    if (limited.isEmpty()) {
      return Future.succeededFuture(RateAdmission.unlimited(this));
    }
    List<String> args = new ArrayList<>(3 + limited.size() * 3);
    args.add(Long.toString(clock.epochMillis()));
    args.add(Integer.toString(limited.size()));
    args.add(Long.toString(estimatedTokens));
    addLimits(args, limited);
    return ADMIT.run(redis, keys(limited), args).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(reply -> toAdmission(reply, limited, estimatedTokens));
  }

  private RateAdmission toAdmission(Response reply, List<Quota> quotas, long estimatedTokens) {
    if (reply.get(0).toInteger() == 1) {
      long[] window = {reply.get(1).toLong(), reply.get(2).toLong(), reply.get(3).toLong(), reply.get(4).toLong()};
      return new RateAdmission(this, quotas, estimatedTokens, true, 0, null, null, window);
    }
    Quota refused = quotas.get(reply.get(2).toInteger() - 1);
    return new RateAdmission(this, quotas, estimatedTokens, false, reply.get(1).toLong(), refused.scope(),
        reply.get(3).toString(), new long[] {-1, -1, -1, -1});
  }

  @Override
  public void settle(RateAdmission admission, long actualTokens) {
    if (!admission.allowed() || admission.quotas.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(4 + admission.quotas.size() * 3);
    args.add(Long.toString(clock.epochMillis()));
    args.add(Integer.toString(admission.quotas.size()));
    args.add(Long.toString(admission.estimatedTokens));
    args.add(Long.toString(actualTokens));
    addLimits(args, admission.quotas);
    SETTLE.run(redis, keys(admission.quotas), args).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .onFailure(error -> LOG.warn("rate limit settlement not recorded in Redis: {}", error.getMessage()));
  }

  private List<String> keys(List<Quota> quotas) {
    List<String> keys = new ArrayList<>(quotas.size() * 3);
    for (Quota quota : quotas) {
      String base = prefix + "rl:" + quota.scope() + ":";
      keys.add(base + "r");
      keys.add(base + "t");
      keys.add(base + "c");
    }
    return keys;
  }

  private static void addLimits(List<String> args, List<Quota> quotas) {
    for (Quota quota : quotas) {
      RateLimits limits = quota.rate();
      args.add(Long.toString(limits.requestsPerMinute() == null ? 0 : limits.requestsPerMinute()));
      args.add(Long.toString(limits.tokensPerMinute() == null ? 0 : limits.tokensPerMinute()));
      args.add(Integer.toString(limits.maxConcurrent() == null ? 0 : limits.maxConcurrent()));
    }
  }

  static List<Quota> limited(List<Quota> quotas) {
    List<Quota> limited = new ArrayList<>(quotas.size());
    for (Quota quota : quotas) {
      if (!quota.rate().isEmpty()) {
        limited.add(quota);
      }
    }
    return limited;
  }
}
