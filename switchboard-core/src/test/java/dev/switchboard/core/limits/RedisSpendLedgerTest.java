package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisSpendLedgerTest {
  private final ManualClock clock = new ManualClock();
  private final String prefix = RedisTestSupport.uniquePrefix();
  private final RedisTestSupport nodeA = new RedisTestSupport();
  private final RedisTestSupport nodeB = new RedisTestSupport();
  private final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    nodeA.deleteKeys(prefix);
    nodeA.close();
    nodeB.close();
  }

  private RedisSpendLedger ledger(RedisTestSupport node) {
    return new RedisSpendLedger(node.redis, clock, prefix, 10_000, SpendJournal.NONE, alerts::add);
  }

  @Test
  void twoNodes_twoHundredConcurrentRequests_spendStaysWithinOneRequestOfTheBudget() throws Exception {
    List<BudgetCharge> charges = List.of(new BudgetCharge("team:shared",
        new BudgetLimit(BudgetWindow.DAILY, 1.0, 0.5)));
    RedisSpendLedger a = ledger(nodeA);
    RedisSpendLedger b = ledger(nodeB);
    long estimate = Money.toMicros(0.02);
    long actual = Money.toMicros(0.015);
    List<Future<BudgetReservation>> reservations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      reservations.add(a.reserve(charges, estimate));
      reservations.add(b.reserve(charges, estimate));
    }
    int admitted = 0;
    for (int i = 0; i < reservations.size(); i++) {
      BudgetReservation reservation = reservations.get(i).await(10, TimeUnit.SECONDS);
      if (reservation.allowed()) {
        admitted++;
        (i % 2 == 0 ? a : b).settle(reservation, actual);
      }
    }
    // Settlements that free part of an estimate may let a few more in; never past the budget.
    assertThat(admitted).isBetween(50, 66);
    long spent = awaitSpent(a, actual * admitted);
    assertThat(spent).isEqualTo(actual * admitted);
    assertThat(spent).isLessThanOrEqualTo(Money.toMicros(1.0));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).scope()).isEqualTo("team:shared");
  }

  @Test
  void twoNodes_realCostAboveEstimate_overspendIsBoundedByOneRequestPerNode() throws Exception {
    List<BudgetCharge> charges = List.of(new BudgetCharge("key:over",
        new BudgetLimit(BudgetWindow.TOTAL, 1.0, null)));
    RedisSpendLedger a = ledger(nodeA);
    RedisSpendLedger b = ledger(nodeB);
    long estimate = Money.toMicros(0.10);
    long actual = Money.toMicros(0.12);
    int admitted = 0;
    for (int round = 0; round < 20; round++) {
      BudgetReservation ra = a.reserve(charges, estimate).await(10, TimeUnit.SECONDS);
      BudgetReservation rb = b.reserve(charges, estimate).await(10, TimeUnit.SECONDS);
      if (ra.allowed()) {
        admitted++;
        a.settle(ra, actual);
      }
      if (rb.allowed()) {
        admitted++;
        b.settle(rb, actual);
      }
      awaitSpent(a, actual * admitted);
    }
    long spent = a.spentMicros("key:over", BudgetWindow.TOTAL).await(10, TimeUnit.SECONDS);
    assertThat(spent).isGreaterThan(Money.toMicros(1.0) - estimate);
    assertThat(spent).isLessThanOrEqualTo(Money.toMicros(1.0) + 2 * actual);
  }

  private long awaitSpent(RedisSpendLedger ledger, long expected) throws Exception {
    long spent = 0;
    for (int i = 0; i < 100 && spent != expected; i++) {
      spent = ledger.spentMicros(i < 0 ? "" : scopeOf(ledger), BudgetWindow.DAILY).await(10, TimeUnit.SECONDS);
      if (spent != expected) {
        spent = ledger.spentMicros("key:over", BudgetWindow.TOTAL).await(10, TimeUnit.SECONDS);
      }
      if (spent != expected) {
        Thread.sleep(20);
      }
    }
    return spent;
  }

  private static String scopeOf(RedisSpendLedger ledger) {
    return "team:shared";
  }
}
