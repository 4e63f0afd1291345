package dev.switchboard.core.limits;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster ledger: per scope and period one Redis hash (settled and reserved spend) and one sorted set of
 * reservation leases, reserved and settled by Lua scripts so that every node checks one number. Each reservation
 * holds a lease of {@code leaseMillis}; a lease not settled by then (its node crashed, or the settlement was lost)
 * is released by the next reservation of that scope. Period keys expire 35 days after their period ends. Settled
 * spend is also written to the {@link SpendJournal} for reporting. Calls fail when Redis does not answer within
 * {@code timeoutMillis}; {@link ClusterSpendLedger} decides what happens then.
 */
public final class RedisSpendLedger implements SpendLedger {
  /** Default lease: longer than any request the gateway lets run (streams included). */
  public static final long DEFAULT_LEASE_MILLIS = 15 * 60 * 1000L;
  private static final Logger LOG = LoggerFactory.getLogger(RedisSpendLedger.class);
  private static final RedisScript RESERVE = RedisScript.load("budget_reserve.lua");
  private static final RedisScript SETTLE = RedisScript.load("budget_settle.lua");
  private static final RedisScript CREDIT = RedisScript.load("budget_credit.lua");
  private static final long RETENTION_MILLIS = 35L * 24 * 3600 * 1000;

  private final Redis redis;
  private final Clock clock;
  private final String prefix;
  private final long timeoutMillis;
  private final long leaseMillis;
  private final SpendJournal journal;
  private final BudgetAlertSink alerts;

  public RedisSpendLedger(Redis redis, Clock clock, String prefix, long timeoutMillis, SpendJournal journal,
      BudgetAlertSink alerts) {
    this(redis, clock, prefix, timeoutMillis, DEFAULT_LEASE_MILLIS, journal, alerts);
  }

  public RedisSpendLedger(Redis redis, Clock clock, String prefix, long timeoutMillis, long leaseMillis,
      SpendJournal journal, BudgetAlertSink alerts) {
    this.redis = redis;
    this.clock = clock;
    this.prefix = prefix;
    this.timeoutMillis = timeoutMillis;
    this.leaseMillis = leaseMillis;
    this.journal = journal;
    this.alerts = alerts;
  }

  /** Loads this class's scripts into Redis (at start-up, so that the first burst does not pay for it). */
  public static Future<Void> preload(Redis redis) {
    return Future.all(RESERVE.preload(redis), SETTLE.preload(redis), CREDIT.preload(redis)).mapEmpty();
  }

  @Override
  public Future<BudgetReservation> reserve(List<BudgetCharge> charges, long estimateMicros) {
    if (charges.isEmpty()) {
      return Future.succeededFuture(BudgetReservation.none(this));
    }
    long now = clock.epochMillis();
    List<String> periods = new ArrayList<>(charges.size());
    List<String> keys = new ArrayList<>(charges.size() * 2);
    List<String> args = new ArrayList<>(3 + charges.size() * 2);
    args.add(Long.toString(estimateMicros));
    args.add(Long.toString(now));
    args.add(Long.toString(leaseMillis));
    for (BudgetCharge charge : charges) {
      String period = charge.limit().window().periodId(now);
      periods.add(period);
      keys.add(key(charge.scope(), period));
      keys.add(key(charge.scope(), period) + ":leases");
      args.add(Long.toString(charge.limit().hardMicros()));
      args.add(Long.toString(ttlMillis(charge, now)));
    }
    return RESERVE.run(redis, keys, args).timeout(timeoutMillis, TimeUnit.MILLISECONDS).map(reply -> {
      if (reply.get(0).toInteger() == 1) {
        List<String> leases = new ArrayList<>(charges.size());
        long[] committed = new long[charges.size()];
        for (int i = 0; i < charges.size(); i++) {
          leases.add(reply.get(1 + i * 2).toString());
          committed[i] = reply.get(2 + i * 2).toLong();
        }
        return new BudgetReservation(this, charges, periods, estimateMicros, null, 0, 0, leases, committed);
      }
      BudgetCharge refused = charges.get(reply.get(1).toInteger() - 1);
      return new BudgetReservation(this, charges, periods, estimateMicros, refused, reply.get(2).toLong(),
          refused.limit().window().periodEndMillis(now));
    });
  }

  @Override
  public void settle(BudgetReservation reservation, long actualMicros) {
    if (!reservation.markSettled()) {
      return;
    }
    settleShared(reservation, actualMicros).onFailure(error -> LOG.warn(
        "event=budget_settle_failed scopes={} reason={}", reservation.charges.size(), error.getMessage()));
  }

  /** Settles an already-marked reservation in Redis; fails when Redis does not answer in time. */
  Future<Void> settleShared(BudgetReservation reservation, long actualMicros) {
    List<String> keys = new ArrayList<>(reservation.charges.size() * 2);
    List<String> args = new ArrayList<>(1 + reservation.charges.size());
    args.add(Long.toString(actualMicros));
    for (int i = 0; i < reservation.charges.size(); i++) {
      String key = key(reservation.charges.get(i).scope(), reservation.periods.get(i));
      keys.add(key);
      keys.add(key + ":leases");
      args.add(reservation.leases.get(i));
    }
    return SETTLE.run(redis, keys, args).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(reply -> {
          afterSettle(reservation, actualMicros, reply);
          return null;
        });
  }

  /** Adds spend settled locally while Redis was unreachable to a scope's period. */
  Future<Long> credit(BudgetCharge charge, String period, long micros) {
    long now = clock.epochMillis();
    return CREDIT.run(redis, List.of(key(charge.scope(), period)),
        List.of(Long.toString(micros), Long.toString(ttlMillis(charge, now))))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS).map(Response::toLong);
  }

  private void afterSettle(BudgetReservation reservation, long actualMicros, Response reply) {
    long now = clock.epochMillis();
    for (int i = 0; i < reservation.charges.size(); i++) {
      BudgetCharge charge = reservation.charges.get(i);
      long after = reply.get(i).toLong();
      long soft = charge.limit().softMicros();
      if (soft >= 0 && after - actualMicros < soft && after >= soft) {
        alerts.softLimitReached(new BudgetAlert(charge.scope(), charge.limit().window(), reservation.periods.get(i),
            after, soft, charge.limit().hardMicros(), now));
      }
      if (actualMicros != 0) {
        journal.record(charge.scope(), reservation.periods.get(i), actualMicros);
      }
    }
  }

  @Override
  public Future<Long> spentMicros(String scope, BudgetWindow window) {
    String key = key(scope, window.periodId(clock.epochMillis()));
    return redis.send(Request.cmd(Command.HGET).arg(key).arg("s"))
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(reply -> reply == null ? 0L : reply.toLong());
  }

  private static long ttlMillis(BudgetCharge charge, long now) {
    long end = charge.limit().window().periodEndMillis(now);
    return end == Long.MAX_VALUE ? 0 : Math.max(1, end - now) + RETENTION_MILLIS;
  }

  private String key(String scope, String period) {
    return prefix + "budget:" + scope + ":" + period;
  }
}
