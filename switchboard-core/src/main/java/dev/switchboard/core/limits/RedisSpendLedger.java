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
 * The cluster ledger: one Redis hash per scope and period, reserved and settled by Lua scripts so that every node
 * checks one number. Period keys expire 35 days after their period ends. Settled spend is also written to the
 * {@link SpendJournal} for reporting. When Redis does not answer, reservations fail (the budget filter then
 * refuses budgeted requests with 503: a budget is never enforced against a number that may be stale).
 */
public final class RedisSpendLedger implements SpendLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSpendLedger.class);
  private static final RedisScript RESERVE = RedisScript.load("budget_reserve.lua");
  private static final RedisScript SETTLE = RedisScript.load("budget_settle.lua");
  private static final long RETENTION_MILLIS = 35L * 24 * 3600 * 1000;

  private final Redis redis;
  private final Clock clock;
  private final String prefix;
  private final long timeoutMillis;
  private final SpendJournal journal;
  private final BudgetAlertSink alerts;

  public RedisSpendLedger(Redis redis, Clock clock, String prefix, long timeoutMillis, SpendJournal journal,
      BudgetAlertSink alerts) {
    this.redis = redis;
    this.clock = clock;
    this.prefix = prefix;
    this.timeoutMillis = timeoutMillis;
    this.journal = journal;
    this.alerts = alerts;
  }

  /** Loads this class's scripts into Redis (at start-up, so that the first burst does not pay for it). */
  public static Future<Void> preload(Redis redis) {
    return Future.all(RESERVE.preload(redis), SETTLE.preload(redis)).mapEmpty();
  }

  @Override
  public Future<BudgetReservation> reserve(List<BudgetCharge> charges, long estimateMicros) {
    if (charges.isEmpty()) {
      return Future.succeededFuture(BudgetReservation.none(this));
    }
    long now = clock.epochMillis();
    List<String> periods = new ArrayList<>(charges.size());
    List<String> keys = new ArrayList<>(charges.size());
    List<String> args = new ArrayList<>(1 + charges.size() * 2);
    args.add(Long.toString(estimateMicros));
    for (BudgetCharge charge : charges) {
      String period = charge.limit().window().periodId(now);
      periods.add(period);
      keys.add(key(charge.scope(), period));
      long end = charge.limit().window().periodEndMillis(now);
      args.add(Long.toString(charge.limit().hardMicros()));
      args.add(Long.toString(end == Long.MAX_VALUE ? 0 : Math.max(1, end - now) + RETENTION_MILLIS));
    }
    return RESERVE.run(redis, keys, args).timeout(timeoutMillis, TimeUnit.MILLISECONDS).map(reply -> {
      if (reply.get(0).toInteger() == 1) {
        return new BudgetReservation(this, charges, periods, estimateMicros, null, 0, 0);
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
    List<String> keys = new ArrayList<>(reservation.charges.size());
    for (int i = 0; i < reservation.charges.size(); i++) {
      keys.add(key(reservation.charges.get(i).scope(), reservation.periods.get(i)));
    }
    List<String> args = List.of(Long.toString(reservation.estimateMicros), Long.toString(actualMicros));
    SETTLE.run(redis, keys, args).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .onSuccess(reply -> afterSettle(reservation, actualMicros, reply))
        .onFailure(error -> LOG.warn("event=budget_settle_failed scopes={} reason={}", keys.size(),
            error.getMessage()));
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

  private String key(String scope, String period) {
    return prefix + "budget:" + scope + ":" + period;
  }
}
