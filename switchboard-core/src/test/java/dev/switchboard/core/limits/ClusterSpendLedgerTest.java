package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases, the local-share fallback and the breaker, against the real Redis (directly, slowed, or unreachable). */
class ClusterSpendLedgerTest {
  private static final long LEASE_MILLIS = 60_000;
  private final ManualClock clock = new ManualClock();
  private final String prefix = RedisTestSupport.uniquePrefix();
  private final RedisTestSupport node = new RedisTestSupport();
  private final List<BudgetCharge> dollar = List.of(new BudgetCharge("team:leases",
      new BudgetLimit(BudgetWindow.DAILY, 1.0, null)));

  @AfterEach
  void cleanUp() throws Exception {
    node.deleteKeys(prefix);
    node.close();
  }

  private RedisSpendLedger redisLedger(Redis redis, long timeoutMillis) {
    return new RedisSpendLedger(redis, clock, prefix, timeoutMillis, LEASE_MILLIS, SpendJournal.NONE,
        BudgetAlertSink.NONE);
  }

  private static BudgetReservation await(Future<BudgetReservation> reservation) throws Exception {
    return reservation.await(10, TimeUnit.SECONDS);
  }

  @Test
  void crashedNodesReservation_isReleasedWhenItsLeaseRunsOut() throws Exception {
    RedisSpendLedger crashed = redisLedger(node.redis, 5_000);
    RedisSpendLedger survivor = redisLedger(node.redis, 5_000);
    assertThat(await(crashed.reserve(dollar, Money.toMicros(0.6))).allowed()).isTrue();
    assertThat(await(survivor.reserve(dollar, Money.toMicros(0.6))).allowed()).isFalse();
    clock.advanceMillis(LEASE_MILLIS - 1);
    assertThat(await(survivor.reserve(dollar, Money.toMicros(0.6))).allowed()).isFalse();
    clock.advanceMillis(2);
    BudgetReservation afterLease = await(survivor.reserve(dollar, Money.toMicros(0.6)));
    assertThat(afterLease.allowed()).isTrue();
    assertThat(field("r")).isEqualTo(Money.toMicros(0.6));
  }

  @Test
  void settlementAfterTheLeaseExpired_chargesTheCost_withoutReleasingTwice() throws Exception {
    RedisSpendLedger ledger = redisLedger(node.redis, 5_000);
    BudgetReservation late = await(ledger.reserve(dollar, Money.toMicros(0.5)));
    clock.advanceMillis(LEASE_MILLIS + 1);
    BudgetReservation current = await(ledger.reserve(dollar, Money.toMicros(0.3)));
    assertThat(current.allowed()).isTrue();
    ledger.settleShared(markSettled(late), Money.toMicros(0.2)).await(10, TimeUnit.SECONDS);
    assertThat(field("r")).isEqualTo(Money.toMicros(0.3));
    assertThat(field("s")).isEqualTo(Money.toMicros(0.2));
    ledger.settleShared(markSettled(current), Money.toMicros(0.1)).await(10, TimeUnit.SECONDS);
    assertThat(field("r")).isZero();
    assertThat(field("s")).isEqualTo(Money.toMicros(0.3));
  }

  @Test
  void slowRedis_fallsBackToTheLocalShareOfWhatWasLeft_thenWritesLocalSpendBack() throws Exception {
    try (SlowRedisProxy proxy = new SlowRedisProxy()) {
      Redis viaProxy = RedisClients.create(node.vertx, proxy.url(), null);
      ClusterSpendLedger ledger = new ClusterSpendLedger(redisLedger(viaProxy, 200),
          new RedisBreaker(clock, 3, 30_000), 2, clock, SpendJournal.NONE);
      BudgetReservation first = await(ledger.reserve(dollar, Money.toMicros(0.2)));
      assertThat(first.allowed()).isTrue();
      ledger.settle(first, Money.toMicros(0.2));
      awaitField("s", Money.toMicros(0.2));

      proxy.delayMillis = 1_500;
      int admitted = 0;
      long slowest = 0;
      long lastCall = 0;
      for (int i = 0; i < 8; i++) {
        long started = System.nanoTime();
        BudgetReservation local = await(ledger.reserve(dollar, Money.toMicros(0.1)));
        lastCall = (System.nanoTime() - started) / 1_000_000;
        slowest = Math.max(slowest, lastCall);
        if (local.allowed()) {
          admitted++;
          ledger.settle(local, Money.toMicros(0.05));
        }
      }
      // $0.20 was committed at the last answer: this node may use half of the $0.80 left, $0.40. Each request
      // reserves $0.10 and settles at $0.05, so the seventh still fits ($0.30 + $0.10) and the eighth does not.
      assertThat(admitted).isEqualTo(7);
      assertThat(ledger.degraded()).isTrue();
      assertThat(slowest).isLessThan(1_500);
      assertThat(lastCall).as("breaker open: Redis is not asked").isLessThan(100);
      assertThat(ledger.unsyncedMicros()).isEqualTo(Money.toMicros(0.35));

      proxy.delayMillis = 0;
      clock.advanceMillis(30_001);
      BudgetReservation back = await(ledger.reserve(dollar, Money.toMicros(0.1)));
      assertThat(back.allowed()).isTrue();
      awaitField("s", Money.toMicros(0.55));
      assertThat(ledger.degraded()).isFalse();
      assertThat(ledger.unsyncedMicros()).isZero();
      viaProxy.close();
    }
  }

  @Test
  void redisUnreachable_localShareIsHalfOfWhatWasLeft_andUnknownBudgetsAreRefused() throws Exception {
    try (SlowRedisProxy proxy = new SlowRedisProxy()) {
      Redis viaProxy = RedisClients.create(node.vertx, proxy.url(), null);
      ClusterSpendLedger ledger = new ClusterSpendLedger(redisLedger(viaProxy, 200),
          new RedisBreaker(clock, 3, 30_000), 2, clock, SpendJournal.NONE);
      BudgetReservation first = await(ledger.reserve(dollar, Money.toMicros(0.2)));
      ledger.settle(first, Money.toMicros(0.2));
      awaitField("s", Money.toMicros(0.2));
      proxy.close();
      viaProxy.close();
      int admitted = 0;
      for (int i = 0; i < 10; i++) {
        admitted += await(ledger.reserve(dollar, Money.toMicros(0.1))).allowed() ? 1 : 0;
      }
      assertThat(admitted).as("(1.00 - 0.20) / 2 nodes = 0.40 = 4 reservations of 0.10").isEqualTo(4);
      List<BudgetCharge> unseen = List.of(new BudgetCharge("team:never-seen",
          new BudgetLimit(BudgetWindow.DAILY, 1.0, null)));
      assertThat(ledger.reserve(unseen, 1).failed() || !awaitQuietly(ledger.reserve(unseen, 1))).isTrue();
    }
  }

  @Test
  void redisOnAClosedPort_breakerOpens_laterCallsDoNotWait() throws Exception {
    Redis closedPort = Redis.createClient(node.vertx, "redis://127.0.0.1:1");
    RedisBreaker breaker = new RedisBreaker(clock, 3, 30_000);
    ClusterRateLimiter limiter = new ClusterRateLimiter(new RedisRateLimiter(closedPort, clock, prefix, 200),
        new LocalRateLimiter(clock, 2), breaker);
    List<Quota> quotas = List.of(new Quota("key:closed", new RateLimits(10L, null, null), List.of()));
    int admitted = 0;
    for (int i = 0; i < 3; i++) {
      admitted += limiter.admit(quotas, 1).await(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
    }
    assertThat(breaker.open()).isTrue();
    long started = System.nanoTime();
    for (int i = 0; i < 17; i++) {
      admitted += limiter.admit(quotas, 1).await(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
    }
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(200);
    assertThat(admitted).isEqualTo(5);
    closedPort.close();
  }

  private static boolean awaitQuietly(Future<BudgetReservation> reservation) {
    try {
      return reservation.await(10, TimeUnit.SECONDS).allowed();
    } catch (Exception refused) {
      return false;
    }
  }

  private static BudgetReservation markSettled(BudgetReservation reservation) {
    assertThat(reservation.markSettled()).isTrue();
    return reservation;
  }

  private long field(String name) throws Exception {
    String key = prefix + "budget:team:leases:" + BudgetWindow.DAILY.periodId(clock.epochMillis());
    Response value = node.redis.send(Request.cmd(Command.HGET).arg(key).arg(name)).await(10, TimeUnit.SECONDS);
    return value == null ? 0 : value.toLong();
  }

  private void awaitField(String name, long expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (field(name) != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(field(name)).isEqualTo(expected);
  }
}
