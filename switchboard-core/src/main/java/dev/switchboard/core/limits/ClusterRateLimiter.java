package dev.switchboard.core.limits;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis limits with a conservative local fallback. While Redis is unreachable each node enforces its share of
 * every limit ({@code limit / expected_nodes}, see {@link LocalRateLimiter}), so the cluster as a whole stays at
 * or under the configured limit as long as no more than {@code expected_nodes} nodes run. Redis counts as
 * unreachable when it errs, when it does not answer within {@code redis_timeout_ms}, and while the shared
 * {@link RedisBreaker} is open (then Redis is not even asked). Each admission is settled by the limiter that
 * admitted it.
 */
public final class ClusterRateLimiter implements RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRateLimiter.class);
  private final RedisRateLimiter shared;
  private final LocalRateLimiter fallback;
  private final RedisBreaker breaker;
  private final AtomicBoolean degraded = new AtomicBoolean();

  public ClusterRateLimiter(RedisRateLimiter shared, LocalRateLimiter fallback) {
    this(shared, fallback, null);
  }

  /** With {@code breaker}: while it is open, admissions go to the local share without asking Redis. */
  public ClusterRateLimiter(RedisRateLimiter shared, LocalRateLimiter fallback, RedisBreaker breaker) {
    this.shared = shared;
    this.fallback = fallback;
    this.breaker = breaker;
  }

  @Override
  public Future<RateAdmission> admit(List<Quota> quotas, long estimatedTokens) {
    if (breaker != null && !breaker.allowRequest()) {
      return fallback.admit(quotas, estimatedTokens);
    }
    return shared.admit(quotas, estimatedTokens).map(admission -> {
      if (breaker != null) {
        breaker.success();
      }
      if (degraded.compareAndSet(true, false)) {
        LOG.info("event=rate_limit_redis_restored");
      }
      return admission;
    }).recover(error -> {
      if (breaker != null) {
        breaker.failure();
      }
      if (degraded.compareAndSet(false, true)) {
        LOG.warn("event=rate_limit_redis_unreachable fallback=local_share reason={}", error.getMessage());
      }
      return fallback.admit(quotas, estimatedTokens);
    });
  }

  @Override
  public void settle(RateAdmission admission, long actualTokens) {
    admission.origin.settle(admission, actualTokens);
  }

  /** True while admissions are decided locally because Redis did not answer. */
  public boolean degraded() {
    return degraded.get();
  }
}
