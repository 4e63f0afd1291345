package dev.switchboard.core.limits;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The outcome of {@link SpendLedger#reserve}: the charges and periods reserved, or which budget refused. */
public final class BudgetReservation {
  final SpendLedger origin;
  final List<BudgetCharge> charges;
  final List<String> periods;
  final long estimateMicros;
  private final BudgetCharge refusedBy;
  private final long refusedSpentMicros;
  private final long refusedPeriodEndMillis;
  /** The Redis lease of each charge ("id:amount"), or null for a local reservation. */
  final List<String> leases;
  /** What each charged scope had committed (spent + reserved) right after this reservation, or null. */
  final long[] committedAfter;
  private final AtomicBoolean settled = new AtomicBoolean();

  BudgetReservation(SpendLedger origin, List<BudgetCharge> charges, List<String> periods, long estimateMicros,
      BudgetCharge refusedBy, long refusedSpentMicros, long refusedPeriodEndMillis) {
    this(origin, charges, periods, estimateMicros, refusedBy, refusedSpentMicros, refusedPeriodEndMillis, null,
        null);
  }

  BudgetReservation(SpendLedger origin, List<BudgetCharge> charges, List<String> periods, long estimateMicros,
      BudgetCharge refusedBy, long refusedSpentMicros, long refusedPeriodEndMillis, List<String> leases,
      long[] committedAfter) {
    this.leases = leases;
    this.committedAfter = committedAfter;
    this.origin = origin;
    this.charges = charges;
    this.periods = periods;
    this.estimateMicros = estimateMicros;
    this.refusedBy = refusedBy;
    this.refusedSpentMicros = refusedSpentMicros;
    this.refusedPeriodEndMillis = refusedPeriodEndMillis;
  }

  static BudgetReservation none(SpendLedger origin) {
    return new BudgetReservation(origin, List.of(), List.of(), 0, null, 0, 0);
  }

  public boolean allowed() {
    return refusedBy == null;
  }

  /** The budget that refused the request, or null. */
  public BudgetCharge refusedBy() {
    return refusedBy;
  }

  /** What the refusing scope had spent and reserved, in micro-dollars. */
  public long refusedSpentMicros() {
    return refusedSpentMicros;
  }

  /** When the refusing budget's period ends ({@link Long#MAX_VALUE} for a total budget). */
  public long refusedPeriodEndMillis() {
    return refusedPeriodEndMillis;
  }

  public long estimateMicros() {
    return estimateMicros;
  }

  /** True the first time only: guards against settling twice. */
  boolean markSettled() {
    return allowed() && !charges.isEmpty() && settled.compareAndSet(false, true);
  }
}
