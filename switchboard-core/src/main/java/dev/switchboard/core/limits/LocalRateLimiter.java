package dev.switchboard.core.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * In-process token buckets (requests and tokens per minute) and concurrency counters, one set per scope. A single
 * lock makes each multi-scope admission atomic; the critical section is a few arithmetic operations.
 * With {@code shareOfNodes > 1} every limit is divided by that many nodes (the cluster fallback).
 */
public final class LocalRateLimiter implements RateLimiter {
  private final Clock clock;
  private final int shareOfNodes;
  private final Cache<String, ScopeState> states;
  private final Object lock = new Object();

  public LocalRateLimiter(Clock clock) {
    this(clock, 1);
  }

  public LocalRateLimiter(Clock clock, int shareOfNodes) {
    this.clock = clock;
    this.shareOfNodes = Math.max(1, shareOfNodes);
    this.states = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterAccess(Duration.ofMinutes(10))
        .maximumSize(1_000_000).build();
  }

  @Override
  public Future<RateAdmission> admit(List<Quota> quotas, long estimatedTokens) {
    List<Quota> limited = new ArrayList<>(quotas.size());
    for (Quota quota : quotas) {
      if (!quota.rate().isEmpty()) {
        limited.add(quota);
      }
    }
    if (limited.isEmpty()) {
      return Future.succeededFuture(RateAdmission.unlimited(this));
    }
    synchronized (lock) {
      return Future.succeededFuture(admitLocked(limited, estimatedTokens, clock.nanoTime()));
    }
  }

  private RateAdmission admitLocked(List<Quota> quotas, long tokens, long now) {
    List<ScopeState> scoped = new ArrayList<>(quotas.size());
    for (Quota quota : quotas) {
      RateLimits limits = quota.rate().shareOf(shareOfNodes);
      ScopeState state = states.get(quota.scope() + "|" + limits, key -> new ScopeState(limits, now));
      String refusal = state.refusal(tokens, now);
      if (refusal != null) {
        return new RateAdmission(this, quotas, tokens, false, state.waitMillis(refusal, tokens, now),
            quota.scope(), refusal, window(scoped, now));
      }
      scoped.add(state);
    }
    for (ScopeState state : scoped) {
      state.take(tokens);
    }
    return new RateAdmission(this, quotas, tokens, true, 0, null, null, window(scoped, now));
  }

  @Override
  public void settle(RateAdmission admission, long actualTokens) {
    if (!admission.allowed() || admission.quotas.isEmpty()) {
      return;
    }
    long now = clock.nanoTime();
    synchronized (lock) {
      for (Quota quota : admission.quotas) {
        RateLimits limits = quota.rate().shareOf(shareOfNodes);
        ScopeState state = states.getIfPresent(quota.scope() + "|" + limits);
        if (state != null) {
          state.settle(admission.estimatedTokens, actualTokens, now);
        }
      }
    }
  }

  /** Requests and tokens left in the tightest scope: {limit, remaining, limit, remaining}. */
  private static long[] window(List<ScopeState> states, long now) {
    long[] window = {-1, -1, -1, -1};
    for (ScopeState state : states) {
      if (state.requests != null) {
        long remaining = (long) Math.floor(state.requests.level(now));
        if (window[1] < 0 || remaining < window[1]) {
          window[0] = state.requests.capacity();
          window[1] = Math.max(0, remaining);
        }
      }
      if (state.tokens != null) {
        long remaining = (long) Math.floor(state.tokens.level(now));
        if (window[3] < 0 || remaining < window[3]) {
          window[2] = state.tokens.capacity();
          window[3] = Math.max(0, remaining);
        }
      }
    }
    return window;
  }

  /** The counters of one scope. Guarded by the limiter's lock. */
  private static final class ScopeState {
    final TokenBucket requests;
    final TokenBucket tokens;
    final int maxConcurrent;
    int inFlight;

    ScopeState(RateLimits limits, long now) {
      requests = limits.requestsPerMinute() == null ? null : new TokenBucket(limits.requestsPerMinute(), now);
      tokens = limits.tokensPerMinute() == null ? null : new TokenBucket(limits.tokensPerMinute(), now);
      maxConcurrent = limits.maxConcurrent() == null ? 0 : limits.maxConcurrent();
    }

    String refusal(long estimatedTokens, long now) {
      if (maxConcurrent > 0 && inFlight >= maxConcurrent) {
        return "concurrency";
      }
      if (requests != null && !requests.has(1, now)) {
        return "requests";
      }
      if (tokens != null && !tokens.has(estimatedTokens, now)) {
        return "tokens";
      }
      return null;
    }

    long waitMillis(String refusal, long estimatedTokens, long now) {
      switch (refusal) {
        case "requests":
          return requests.millisUntil(1, now);
        case "tokens":
          return tokens.millisUntil(estimatedTokens, now);
        default:
          return 1000;
      }
    }

    void take(long estimatedTokens) {
      if (requests != null) {
        requests.take(1);
      }
      if (tokens != null) {
        tokens.take(estimatedTokens);
      }
      if (maxConcurrent > 0) {
        inFlight++;
      }
    }

    void settle(long estimatedTokens, long actualTokens, long now) {
      if (tokens != null) {
        tokens.settle(estimatedTokens, actualTokens, now);
      }
      if (maxConcurrent > 0 && inFlight > 0) {
        inFlight--;
      }
    }
  }
}
