package dev.switchboard.core.limits;

/**
 * A spending limit over a calendar window, in US dollars. Past {@code softUsd} an alert fires once per period;
 * at {@code hardUsd} requests are rejected. {@code softUsd} may be null.
 */
public record BudgetLimit(BudgetWindow window, double hardUsd, Double softUsd) {
  public BudgetLimit {
    window = window == null ? BudgetWindow.TOTAL : window;
    if (!(hardUsd >= 0) || Double.isInfinite(hardUsd)) {
      throw new IllegalArgumentException("max_usd: must be a non-negative amount");
    }
    if (softUsd != null && (!(softUsd >= 0) || softUsd > hardUsd)) {
      throw new IllegalArgumentException("soft_usd: must be between 0 and max_usd");
    }
  }

  public long hardMicros() {
    return Money.toMicros(hardUsd);
  }

  /** The soft threshold in micro-dollars, or -1 without one. */
  public long softMicros() {
    return softUsd == null ? -1 : Money.toMicros(softUsd);
  }
}
