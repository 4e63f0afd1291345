package dev.switchboard.server;

import dev.switchboard.core.vertx.EventLoops;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a Vert.x client exchange from an event loop (see {@link EventLoops}) and waits for it. */
final class OnLoop {
  private OnLoop() {}

  static <T> T await(Vertx vertx, Supplier<Future<T>> exchange, long seconds) throws Exception {
    return EventLoops.onEventLoop(vertx, exchange).await(seconds, TimeUnit.SECONDS);
  }
}
