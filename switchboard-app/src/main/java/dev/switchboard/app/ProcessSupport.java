package dev.switchboard.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;

/** Process-level helpers for the long-running commands. */
final class ProcessSupport {
  private ProcessSupport() {}

  static Vertx vertx(int eventLoops) {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
  }

  /** Blocks until the process is asked to stop, then runs {@code onStop} (bounded by the caller's own timeouts). */
  static void awaitShutdown(Runnable onStop) {
    CountDownLatch stopped = new CountDownLatch(1);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      onStop.run();
      stopped.countDown();
    }, "switchboard-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
