package dev.switchboard.core.routing;

import io.vertx.core.Vertx;

/**
 * Runs a task after a delay (backoff, hedging). Production uses Vert.x timers on the caller's context; tests use
 * a manual scheduler driven by their clock. Decisions are always made with the injected clock, not here.
 */
public interface Scheduler {
  /** A scheduled task that can still be called off. */
  interface Timer {
    void cancel();
  }

  Timer schedule(long delayMillis, Runnable task);

  /** Vert.x timers: the task runs on the context (event loop) that scheduled it. */
  static Scheduler vertx(Vertx vertx) {
    return (delayMillis, task) -> {
      long id = vertx.setTimer(Math.max(1, delayMillis), ignored -> task.run());
      return () -> vertx.cancelTimer(id);
    };
  }
}
