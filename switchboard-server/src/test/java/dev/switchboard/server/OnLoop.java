package dev.switchboard.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a Vert.x client exchange from an event loop and waits for it. A response's handlers must be attached in the
 * turn its head arrives; a test thread composing them may be descheduled past the end of the body.
 */
final class OnLoop {
  private OnLoop() {}

  static <T> T await(Vertx vertx, Supplier<Future<T>> exchange, long seconds) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> exchange.get().onComplete(result -> {
      if (result.succeeded()) {
        done.complete(result.result());
      } else {
        done.completeExceptionally(result.cause());
      }
    }));
    try {
      return done.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
