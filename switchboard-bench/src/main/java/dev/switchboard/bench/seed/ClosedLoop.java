package dev.switchboard.bench.seed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Keeps {@code concurrency} requests open for a duration: each finished request is replaced at once by the next.
 * The lanes start spread over a ramp so that thousands of connections are not opened in the same millisecond.
 * Runs on one event loop; the result completes when every request still open at the end has finished (each is
 * bounded by its own timeout).
 */
final class ClosedLoop {
  private final Vertx vertx;
  private final int concurrency;
  private final long durationNanos;
  private final long rampNanos;
  private final Supplier<Future<?>> work;
  private final Promise<Long> done = Promise.promise();
  private Context context;
  private long startNanos;
  private long endNanos;
  private volatile int open;
  private int started;
  private volatile long finished;

  ClosedLoop(Vertx vertx, int concurrency, long durationMillis, long rampMillis, Supplier<Future<?>> work) {
    this.vertx = vertx;
    this.concurrency = concurrency;
    this.durationNanos = durationMillis * 1_000_000L;
    this.rampNanos = Math.min(rampMillis, durationMillis / 2) * 1_000_000L;
    this.work = work;
  }

  /** Runs; the future gives the time the last request finished (System.nanoTime). */
  Future<Long> run() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      startNanos = System.nanoTime();
      endNanos = startNanos + durationNanos;
      rampUp();
    });
    return done.future();
  }

  long startNanos() {
    return startNanos;
  }

  /** Requests open right now (read from any thread for the progress bar; approximate). */
  int open() {
    return open;
  }

  long finished() {
    return finished;
  }

  private void rampUp() {
    long now = System.nanoTime();
    long due = rampNanos == 0 ? concurrency
        : Math.min(concurrency, (long) Math.ceil((now - startNanos) / (double) rampNanos * concurrency));
    while (started < due && now < endNanos) {
      started++;
      launch();
    }
    if (started < concurrency && now < endNanos) {
      vertx.setTimer(5, id -> rampUp());
    } else if (open == 0) {
      done.tryComplete(System.nanoTime());
    }
  }

  private void launch() {
    open++;
    Future<?> request;
    try {
      request = work.get();
    } catch (RuntimeException e) {
      request = Future.failedFuture(e);
    }
    request.onComplete(ignored -> context.runOnContext(v -> finishedOne()));
  }

  private void finishedOne() {
    open--;
    finished++;
    if (System.nanoTime() < endNanos) {
      launch();
    } else if (open == 0) {
      done.tryComplete(System.nanoTime());
    }
  }
}
