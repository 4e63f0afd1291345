package dev.switchboard.core.limits;

import io.vertx.core.Future;
import java.util.List;

/**
 * Spend per scope and budget period. A request reserves its estimated cost at admission, atomically across every
 * budget it is charged to, and is admitted only if spent + reserved + estimate stays within every hard limit;
 * at completion the reservation is replaced by the real cost. Concurrent requests therefore cannot overspend by
 * more than the amount by which real costs exceed their estimates.
 */
public interface SpendLedger {
  Future<BudgetReservation> reserve(List<BudgetCharge> charges, long estimateMicros);

  /** Replaces the reservation by {@code actualMicros} of spend. Idempotent per reservation. */
  void settle(BudgetReservation reservation, long actualMicros);

  /** Settled spend of {@code scope} in the current period of {@code window}, in micro-dollars. */
  Future<Long> spentMicros(String scope, BudgetWindow window);
}
