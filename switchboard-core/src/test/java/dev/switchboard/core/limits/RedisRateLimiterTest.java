package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRateLimiterTest {
  private final ManualClock clock = new ManualClock();
  private final String prefix = RedisTestSupport.uniquePrefix();
  private final RedisTestSupport nodeA = new RedisTestSupport();
  private final RedisTestSupport nodeB = new RedisTestSupport();

  @AfterEach
  void cleanUp() throws Exception {
    nodeA.deleteKeys(prefix);
    nodeA.close();
    nodeB.close();
  }

  private RedisRateLimiter limiter(RedisTestSupport node) {
    return new RedisRateLimiter(node.redis, clock, prefix, 10_000);
  }

  private static int allowed(List<Future<RateAdmission>> admissions) throws Exception {
    int count = 0;
    for (Future<RateAdmission> admission : admissions) {
      count += admission.await(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
    }
    return count;
  }

  @Test
  void twoNodes_concurrentBursts_admitExactlyTheClusterLimit() throws Exception {
    List<Quota> quotas = List.of(new Quota("team:shared", new RateLimits(50L, null, null), List.of()));
    RedisRateLimiter a = limiter(nodeA);
    RedisRateLimiter b = limiter(nodeB);
    List<Future<RateAdmission>> admissions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      admissions.add(a.admit(quotas, 1));
      admissions.add(b.admit(quotas, 1));
    }
    assertThat(allowed(admissions)).isEqualTo(50);
  }

  @Test
  void tokensPerMinute_acrossNodes_settlementRefundsTheUnusedEstimate() throws Exception {
    List<Quota> quotas = List.of(new Quota("key:tpm", new RateLimits(null, 1000L, null), List.of()));
    RedisRateLimiter a = limiter(nodeA);
    RedisRateLimiter b = limiter(nodeB);
    RateAdmission first = a.admit(quotas, 900).await(10, TimeUnit.SECONDS);
    assertThat(first.allowed()).isTrue();
    assertThat(first.tokensRemaining()).isEqualTo(100);
    RateAdmission refused = b.admit(quotas, 500).await(10, TimeUnit.SECONDS);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limitedKind()).isEqualTo("tokens");
    assertThat(refused.retryAfterMillis()).isEqualTo(24_000);
    a.settle(first, 100);
    assertThat(awaitAdmitted(b, quotas, 500)).isTrue();
  }

  private static boolean awaitAdmitted(RedisRateLimiter limiter, List<Quota> quotas, long tokens) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (limiter.admit(quotas, tokens).await(10, TimeUnit.SECONDS).allowed()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void concurrency_acrossNodes_isOneCounter() throws Exception {
    List<Quota> quotas = List.of(new Quota("key:conc", new RateLimits(null, null, 3), List.of()));
    RedisRateLimiter a = limiter(nodeA);
    RedisRateLimiter b = limiter(nodeB);
    List<Future<RateAdmission>> admissions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      admissions.add(a.admit(quotas, 1));
      admissions.add(b.admit(quotas, 1));
    }
    assertThat(allowed(admissions)).isEqualTo(3);
    RateAdmission held = null;
    for (Future<RateAdmission> admission : admissions) {
      if (admission.result().allowed()) {
        held = admission.result();
        break;
      }
    }
    a.settle(held, 1);
    assertThat(awaitAdmitted(b, quotas, 1)).isTrue();
  }

  @Test
  void redisUnreachable_fallsBackToTheLocalShareOfTheLimit() throws Exception {
    Redis unreachable = Redis.createClient(nodeA.vertx, "redis://127.0.0.1:1");
    ClusterRateLimiter limiter = new ClusterRateLimiter(new RedisRateLimiter(unreachable, clock, prefix, 500),
        new LocalRateLimiter(clock, 2));
    List<Quota> quotas = List.of(new Quota("key:down", new RateLimits(10L, null, null), List.of()));
    int admitted = 0;
    for (int i = 0; i < 20; i++) {
      admitted += limiter.admit(quotas, 1).await(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(5);
    assertThat(limiter.degraded()).isTrue();
    unreachable.close();
  }
}
