package dev.switchboard.core.vertx;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * Runs Vert.x work on an event loop when the caller is outside Vert.x. An HTTP response's handlers must be attached
 * in the event-loop turn its head arrives; a caller on another thread (a test, a tool, a benchmark's control step)
 * could attach them after the end had gone by, and the exchange would wait forever.
 */
public final class EventLoops {
  private EventLoops() {}

  /**
   * Starts {@code work} right away when already on a Vert.x context, else on an event loop of {@code vertx}. The
   * returned future's listeners run on that event loop too, whatever thread adds them.
   */
  public static <T> Future<T> onEventLoop(Vertx vertx, Supplier<Future<T>> work) {
    if (Vertx.currentContext() != null) {
      return work.get();
    }
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    Promise<T> done = context.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }
}
