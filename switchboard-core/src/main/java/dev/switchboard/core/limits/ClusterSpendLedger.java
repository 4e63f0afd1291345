package dev.switchboard.core.limits;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis ledger with a conservative local fallback (ADR 0007). While Redis answers, every reservation is checked
 * against the shared numbers, and this node remembers what each budget period had committed (spent + reserved) the
 * last time it asked. When Redis fails or is slow (past {@code redis_timeout_ms}, or while the {@link RedisBreaker}
 * is open), a node may spend, per budget period, at most its share of what was left at that last answer:
 * {@code (hard limit - last committed) / expected_nodes}. With no more than {@code expected_nodes} nodes, the cluster
 * as a whole cannot pass the hard limit. A budget period this node has never seen in Redis gets no local share: its
 * requests are refused with 503, because nothing is known about its spend. Spend settled locally is written back to
 * Redis once it answers again, so none is lost.
 */
public final class ClusterSpendLedger implements SpendLedger {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSpendLedger.class);
  private static final int MAX_REMEMBERED = 100_000;
  private final RedisSpendLedger shared;
  private final RedisBreaker breaker;
  private final int expectedNodes;
  private final Clock clock;
  private final SpendJournal journal;
  /** "scope|period" → committed (spent + reserved) in Redis at this node's last successful reservation. */
  private final Map<String, Long> lastCommitted = new HashMap<>();
  /** "scope|period" → {spent, reserved} under the local share while Redis is unavailable. */
  private final Map<String, long[]> local = new HashMap<>();
  /** "scope|period" → spend settled here that Redis does not know yet. */
  private final Map<String, Unsynced> unsynced = new HashMap<>();
  private boolean degraded;

  private static final class Unsynced {
    final BudgetCharge charge;
    final String period;
    long micros;

    Unsynced(BudgetCharge charge, String period) {
      this.charge = charge;
      this.period = period;
    }
  }

  public ClusterSpendLedger(RedisSpendLedger shared, RedisBreaker breaker, int expectedNodes, Clock clock,
      SpendJournal journal) {
    this.shared = shared;
    this.breaker = breaker;
    this.expectedNodes = Math.max(1, expectedNodes);
    this.clock = clock;
    this.journal = journal;
  }

  @Override
  public Future<BudgetReservation> reserve(List<BudgetCharge> charges, long estimateMicros) {
    if (charges.isEmpty()) {
      return Future.succeededFuture(BudgetReservation.none(this));
    }
    if (!breaker.allowRequest()) {
      return reserveLocally(charges, estimateMicros);
    }
    return shared.reserve(charges, estimateMicros).map(reservation -> {
      breaker.success();
      remember(reservation);
      flushUnsynced();
      return reservation;
    }).recover(error -> {
      breaker.failure();
      markDegraded(error.getMessage());
      return reserveLocally(charges, estimateMicros);
    });
  }

  private synchronized void remember(BudgetReservation reservation) {
    if (degraded) {
      degraded = false;
      LOG.info("event=budget_ledger_redis_restored");
    }
    if (reservation.committedAfter == null) {
      return;
    }
    if (lastCommitted.size() >= MAX_REMEMBERED) {
      // Past periods pile up over months; forgetting only costs a 503 for budgets not seen again before an outage.
      lastCommitted.clear();
    }
    for (int i = 0; i < reservation.charges.size(); i++) {
      lastCommitted.put(key(reservation.charges.get(i).scope(), reservation.periods.get(i)),
          reservation.committedAfter[i]);
    }
  }

  private synchronized void markDegraded(String reason) {
    if (!degraded) {
      degraded = true;
      LOG.warn("event=budget_ledger_redis_unreachable fallback=local_share reason={}", reason);
    }
  }

  private synchronized Future<BudgetReservation> reserveLocally(List<BudgetCharge> charges, long estimateMicros) {
    long now = clock.epochMillis();
    List<String> periods = new ArrayList<>(charges.size());
    for (BudgetCharge charge : charges) {
      String period = charge.limit().window().periodId(now);
      Long last = lastCommitted.get(key(charge.scope(), period));
      if (last == null) {
        return Future.failedFuture(new IllegalStateException("budget ledger unreachable and no known spend for "
            + "this budget period"));
      }
      long share = Math.max(0, charge.limit().hardMicros() - last) / expectedNodes;
      long[] counter = local.computeIfAbsent(key(charge.scope(), period), k -> new long[2]);
      if (counter[0] + counter[1] + estimateMicros > share) {
        return Future.succeededFuture(new BudgetReservation(this, charges, periods, estimateMicros, charge,
            last + counter[0] + counter[1], charge.limit().window().periodEndMillis(now)));
      }
      periods.add(period);
    }
    for (int i = 0; i < charges.size(); i++) {
      local.get(key(charges.get(i).scope(), periods.get(i)))[1] += estimateMicros;
    }
    return Future.succeededFuture(new BudgetReservation(this, charges, periods, estimateMicros, null, 0, 0));
  }

  @Override
  public void settle(BudgetReservation reservation, long actualMicros) {
    if (!reservation.markSettled()) {
      return;
    }
    if (reservation.leases == null) {
      settleLocally(reservation, actualMicros);
      return;
    }
    shared.settleShared(reservation, actualMicros).onSuccess(ok -> breaker.success()).onFailure(error -> {
      breaker.failure();
      LOG.warn("event=budget_settle_deferred scopes={} reason={}", reservation.charges.size(), error.getMessage());
      // The lease releases the reservation in Redis; the real cost is written back once Redis answers.
      queue(reservation, actualMicros);
    });
  }

  private void settleLocally(BudgetReservation reservation, long actualMicros) {
    synchronized (this) {
      for (int i = 0; i < reservation.charges.size(); i++) {
        long[] counter = local.computeIfAbsent(key(reservation.charges.get(i).scope(), reservation.periods.get(i)),
            k -> new long[2]);
        counter[1] = Math.max(0, counter[1] - reservation.estimateMicros);
        counter[0] += actualMicros;
      }
    }
    queue(reservation, actualMicros);
  }

  private void queue(BudgetReservation reservation, long actualMicros) {
    if (actualMicros == 0) {
      return;
    }
    synchronized (this) {
      for (int i = 0; i < reservation.charges.size(); i++) {
        String period = reservation.periods.get(i);
        BudgetCharge charge = reservation.charges.get(i);
        unsynced.computeIfAbsent(key(charge.scope(), period), k -> new Unsynced(charge, period)).micros
            += actualMicros;
      }
    }
    for (int i = 0; i < reservation.charges.size(); i++) {
      journal.record(reservation.charges.get(i).scope(), reservation.periods.get(i), actualMicros);
    }
  }

  /** Writes spend settled during an outage back to Redis; what fails stays queued for the next success. */
  private void flushUnsynced() {
    List<Map.Entry<String, Unsynced>> pending;
    synchronized (this) {
      if (unsynced.isEmpty()) {
        return;
      }
      pending = new ArrayList<>(unsynced.entrySet());
      unsynced.clear();
    }
    for (Map.Entry<String, Unsynced> entry : pending) {
      Unsynced spend = entry.getValue();
      shared.credit(spend.charge, spend.period, spend.micros).onSuccess(after -> {
        synchronized (this) {
          long[] counter = local.get(entry.getKey());
          if (counter != null) {
            counter[0] = Math.max(0, counter[0] - spend.micros);
          }
        }
      }).onFailure(error -> {
        synchronized (this) {
          unsynced.computeIfAbsent(entry.getKey(), k -> new Unsynced(spend.charge, spend.period)).micros
              += spend.micros;
        }
      });
    }
  }

  @Override
  public Future<Long> spentMicros(String scope, BudgetWindow window) {
    return shared.spentMicros(scope, window);
  }

  /** True while reservations are decided on the local share because Redis did not answer. */
  public synchronized boolean degraded() {
    return degraded;
  }

  /** Spend settled here that Redis does not know yet, in micro-dollars (all scopes). */
  public synchronized long unsyncedMicros() {
    long total = 0;
    for (Unsynced spend : unsynced.values()) {
      total += spend.micros;
    }
    return total;
  }

  private static String key(String scope, String period) {
    return scope + "|" + period;
  }
}
