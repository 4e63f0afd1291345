package dev.switchboard.core.limits;

import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-node ledger: counters in memory, authoritative for admission, with settled spend written through to
 * a {@link SpendJournal} and loaded from it at start-up. One lock makes each multi-budget reservation atomic.
 */
public final class LocalSpendLedger implements SpendLedger {
  private final Clock clock;
  private final SpendJournal journal;
  private final BudgetAlertSink alerts;
  private final Map<String, long[]> counters = new HashMap<>();

  /** {@code initialSpent} maps "scope|period" to micro-dollars already spent (from the journal). */
  public LocalSpendLedger(Clock clock, Map<String, Long> initialSpent, SpendJournal journal,
      BudgetAlertSink alerts) {
    this.clock = clock;
    this.journal = journal;
    this.alerts = alerts;
    initialSpent.forEach((key, micros) -> counters.put(key, new long[] {micros, 0}));
  }

  public LocalSpendLedger(Clock clock) {
    this(clock, Map.of(), SpendJournal.NONE, BudgetAlertSink.NONE);
  }

  @Override
  public Future<BudgetReservation> reserve(List<BudgetCharge> charges, long estimateMicros) {
    if (charges.isEmpty()) {
      return Future.succeededFuture(BudgetReservation.none(this));
    }
    long now = clock.epochMillis();
    List<String> periods = new ArrayList<>(charges.size());
    synchronized (counters) {
      for (BudgetCharge charge : charges) {
        String period = charge.limit().window().periodId(now);
        long[] counter = counters.computeIfAbsent(charge.scope() + "|" + period, k -> new long[2]);
        long committed = counter[0] + counter[1];
        if (committed + estimateMicros > charge.limit().hardMicros()) {
          return Future.succeededFuture(new BudgetReservation(this, charges, periods, estimateMicros, charge,
              committed, charge.limit().window().periodEndMillis(now)));
        }
        periods.add(period);
      }
      for (int i = 0; i < charges.size(); i++) {
        counters.get(charges.get(i).scope() + "|" + periods.get(i))[1] += estimateMicros;
      }
    }
    return Future.succeededFuture(new BudgetReservation(this, charges, periods, estimateMicros, null, 0, 0));
  }

  @Override
  public void settle(BudgetReservation reservation, long actualMicros) {
    if (!reservation.markSettled()) {
      return;
    }
    List<BudgetAlert> crossed = new ArrayList<>(1);
    long now = clock.epochMillis();
    synchronized (counters) {
      for (int i = 0; i < reservation.charges.size(); i++) {
        BudgetCharge charge = reservation.charges.get(i);
        String period = reservation.periods.get(i);
        long[] counter = counters.computeIfAbsent(charge.scope() + "|" + period, k -> new long[2]);
        long before = counter[0];
        counter[0] += actualMicros;
        counter[1] = Math.max(0, counter[1] - reservation.estimateMicros);
        long soft = charge.limit().softMicros();
        if (soft >= 0 && before < soft && counter[0] >= soft) {
          crossed.add(new BudgetAlert(charge.scope(), charge.limit().window(), period, counter[0], soft,
              charge.limit().hardMicros(), now));
        }
      }
    }
    if (actualMicros != 0) {
      for (int i = 0; i < reservation.charges.size(); i++) {
        journal.record(reservation.charges.get(i).scope(), reservation.periods.get(i), actualMicros);
      }
    }
    crossed.forEach(alerts::softLimitReached);
  }

  @Override
  public Future<Long> spentMicros(String scope, BudgetWindow window) {
    synchronized (counters) {
      long[] counter = counters.get(scope + "|" + window.periodId(clock.epochMillis()));
      return Future.succeededFuture(counter == null ? 0L : counter[0]);
    }
  }
}
