package dev.switchboard.core.limits;

/** Amounts are counted in whole micro-dollars (1e-6 USD) so that sums never drift. */
public final class Money {
  private Money() {}

  public static long toMicros(double usd) {
    return Math.round(usd * 1_000_000d);
  }

  /** Rounds a cost up, so that a reservation never under-counts. */
  public static long toMicrosCeil(double usd) {
    return (long) Math.ceil(usd * 1_000_000d);
  }

  public static double toUsd(long micros) {
    return micros / 1_000_000d;
  }
}
