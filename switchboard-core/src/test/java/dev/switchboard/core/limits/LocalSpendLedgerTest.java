package dev.switchboard.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalSpendLedgerTest {
  private final ManualClock clock = new ManualClock();
  private final List<BudgetAlert> alerts = new CopyOnWriteArrayList<>();
  private final LocalSpendLedger ledger = new LocalSpendLedger(clock, Map.of(), SpendJournal.NONE, alerts::add);

  private static List<BudgetCharge> charge(String scope, double hard, Double soft, BudgetWindow window) {
    return List.of(new BudgetCharge(scope, new BudgetLimit(window, hard, soft)));
  }

  @Test
  void twoHundredConcurrentRequests_costingTheirEstimate_neverOverspend() throws Exception {
    List<BudgetCharge> charges = charge("key:k", 1.0, null, BudgetWindow.DAILY);
    long cost = Money.toMicros(0.013);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong admitted = new AtomicLong();
    List<Future<?>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tasks.add(pool.submit(() -> {
        start.await();
        BudgetReservation reservation = ledger.reserve(charges, cost).result();
        if (reservation.allowed()) {
          admitted.incrementAndGet();
          ledger.settle(reservation, cost);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> task : tasks) {
      task.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long spent = ledger.spentMicros("key:k", BudgetWindow.DAILY).result();
    assertThat(spent).isLessThanOrEqualTo(Money.toMicros(1.0));
    assertThat(admitted.get()).isEqualTo(Money.toMicros(1.0) / cost);
  }

  @Test
  void reservationsOutstanding_countAgainstTheBudgetBeforeSettlement() {
    List<BudgetCharge> charges = charge("team:t", 0.10, null, BudgetWindow.TOTAL);
    BudgetReservation first = ledger.reserve(charges, Money.toMicros(0.06)).result();
    BudgetReservation second = ledger.reserve(charges, Money.toMicros(0.06)).result();
    assertThat(first.allowed()).isTrue();
    assertThat(second.allowed()).isFalse();
    assertThat(second.refusedBy().scope()).isEqualTo("team:t");
    assertThat(second.refusedSpentMicros()).isEqualTo(Money.toMicros(0.06));
    ledger.settle(first, Money.toMicros(0.01));
    assertThat(ledger.reserve(charges, Money.toMicros(0.06)).result().allowed()).isTrue();
  }

  @Test
  void softThreshold_crossed_alertsOncePerPeriod() {
    List<BudgetCharge> charges = charge("key:s", 10.0, 5.0, BudgetWindow.DAILY);
    for (int i = 0; i < 8; i++) {
      BudgetReservation r = ledger.reserve(charges, Money.toMicros(1.0)).result();
      ledger.settle(r, Money.toMicros(1.0));
    }
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).spentMicros()).isEqualTo(Money.toMicros(5.0));
    clock.advance(Duration.ofDays(1));
    for (int i = 0; i < 6; i++) {
      ledger.settle(ledger.reserve(charges, Money.toMicros(1.0)).result(), Money.toMicros(1.0));
    }
    assertThat(alerts).hasSize(2);
  }

  @Test
  void dailyBudget_nextDay_startsAgain() {
    List<BudgetCharge> charges = charge("key:d", 1.0, null, BudgetWindow.DAILY);
    ledger.settle(ledger.reserve(charges, Money.toMicros(1.0)).result(), Money.toMicros(1.0));
    assertThat(ledger.reserve(charges, 1).result().allowed()).isFalse();
    clock.advance(Duration.ofDays(1));
    assertThat(ledger.reserve(charges, 1).result().allowed()).isTrue();
  }

  @Test
  void settle_calledTwice_countsOnce() {
    List<BudgetCharge> charges = charge("key:twice", 1.0, null, BudgetWindow.TOTAL);
    BudgetReservation r = ledger.reserve(charges, 100).result();
    ledger.settle(r, 100);
    ledger.settle(r, 100);
    assertThat(ledger.spentMicros("key:twice", BudgetWindow.TOTAL).result()).isEqualTo(100);
  }

  @Test
  void journal_receivesSettledSpend_andSeedsANewLedger() {
    List<String> journal = new CopyOnWriteArrayList<>();
    LocalSpendLedger first = new LocalSpendLedger(clock, Map.of(),
        (scope, period, micros) -> journal.add(scope + "|" + period + "=" + micros), BudgetAlertSink.NONE);
    List<BudgetCharge> charges = charge("key:j", 1.0, null, BudgetWindow.MONTHLY);
    first.settle(first.reserve(charges, 700_000).result(), 700_000);
    String period = BudgetWindow.MONTHLY.periodId(clock.epochMillis());
    assertThat(journal).containsExactly("key:j|" + period + "=700000");
    LocalSpendLedger restarted = new LocalSpendLedger(clock, Map.of("key:j|" + period, 700_000L),
        SpendJournal.NONE, BudgetAlertSink.NONE);
    assertThat(restarted.reserve(charges, 400_000).result().allowed()).isFalse();
  }
}
