package dev.switchboard.core.time;

/**
 * The one source of time. Production uses {@link #system()}; tests inject a manual clock so that TTLs, windows,
 * breakers and budgets are deterministic.
 */
public interface Clock {
  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch, for timestamps and calendar windows. */
  long epochMillis();

  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
