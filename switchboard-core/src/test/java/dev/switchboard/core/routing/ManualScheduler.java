package dev.switchboard.core.routing;

import dev.switchboard.core.time.ManualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled tasks when the test moves its clock past their due time. Single-threaded. */
final class ManualScheduler implements Scheduler {
  private final ManualClock clock;
  private final List<Task> tasks = new ArrayList<>();
  final List<Long> delays = new ArrayList<>();

  ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  private static final class Task {
    final long dueNanos;
    final Runnable runnable;
    boolean cancelled;

    Task(long dueNanos, Runnable runnable) {
      this.dueNanos = dueNanos;
      this.runnable = runnable;
    }
  }

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    delays.add(delayMillis);
    Task scheduled = new Task(clock.nanoTime() + delayMillis * 1_000_000L, task);
    tasks.add(scheduled);
    return () -> scheduled.cancelled = true;
  }

  /** Moves the clock forward, running every task that falls due, in order. */
  void advanceMillis(long millis) {
    long target = clock.nanoTime() + millis * 1_000_000L;
    while (true) {
      Task next = tasks.stream().filter(t -> !t.cancelled && t.dueNanos <= target)
          .min(Comparator.comparingLong(t -> t.dueNanos)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      long step = next.dueNanos - clock.nanoTime();
      if (step > 0) {
        clock.advance(java.time.Duration.ofNanos(step));
      }
      next.runnable.run();
    }
    long rest = target - clock.nanoTime();
    if (rest > 0) {
      clock.advance(java.time.Duration.ofNanos(rest));
    }
  }

  long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }
}
