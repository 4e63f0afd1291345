package dev.switchboard.server.http;

import dev.switchboard.api.ErrorType;
import dev.switchboard.core.auth.AuthFilter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Checks every request before routing: no header name or value may carry CR, LF or NUL (header injection and
 * response splitting), and a request must be fully received within {@code requestDeadlineMillis} (slow-loris: a
 * client trickling its body a byte at a time never trips the idle timeout); the connection is then closed. A
 * connection that does not complete its request head in time is closed by {@link HeadDeadline}. Every path except
 * the health probes needs a key before its body is even read: a request without any credential header is answered 401 here. One instance
 * per event loop (not thread-safe); the deadline is checked by a periodic sweep, not a timer per request.
 */
public final class RequestHardening implements Handler<HttpServerRequest> {
  private final Vertx vertx;
  private final Handler<HttpServerRequest> next;
  private final ErrorWriter errors;
  private final long requestDeadlineMillis;
  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  private long sweeper = -1;

  /** A request still being received, and when it started. */
  private record Pending(HttpServerRequest request, long startNanos) {}

  public RequestHardening(Vertx vertx, Handler<HttpServerRequest> next, ErrorWriter errors,
      long requestDeadlineMillis) {
    this.vertx = vertx;
    this.next = next;
    this.errors = errors;
    this.requestDeadlineMillis = requestDeadlineMillis;
  }

  /**
   * One periodic sweep per event loop instead of a timer per request: requests arrive in time order, so the
   * queue's head is always the oldest; finished ones are dropped, overdue unfinished ones lose their connection.
   */
  private void sweep() {
    long now = System.nanoTime();
    long deadline = requestDeadlineMillis * 1_000_000L;
    while (!pending.isEmpty()) {
      Pending head = pending.peekFirst();
      if (head.request().isEnded()) {
        pending.pollFirst();
      } else if (now - head.startNanos() > deadline) {
        pending.pollFirst();
        head.request().connection().close();
      } else {
        return;
      }
    }
  }

  @Override
  public void handle(HttpServerRequest request) {
    for (Map.Entry<String, String> header : request.headers()) {
      if (hasControl(header.getKey()) || hasControl(header.getValue())) {
        errors.write(request, null, new GatewayException(400, ErrorType.INVALID_REQUEST, "invalid_header", null,
            "A request header contains a forbidden control character."));
        return;
      }
    }
    String path = request.path();
    if (!"/healthz".equals(path) && !"/readyz".equals(path) && AuthFilter.presentedKey(request.headers()) == null) {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap()
          .set("x-request-id", RequestIds.fromClientOrNew(request.getHeader("x-request-id")));
      errors.write(request, headers, GatewayException.unauthorized(
          "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'."));
      return;
    }
    if (!request.isEnded()) {
      // Other handlers own the request's end handlers, so the sweep only looks, then acts.
      pending.addLast(new Pending(request, System.nanoTime()));
      if (sweeper < 0) {
        sweeper = vertx.setPeriodic(Math.max(50, Math.min(1_000, requestDeadlineMillis / 4)), id -> sweep());
      }
    }
    next.handle(request);
  }

  static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return true;
      }
    }
    return false;
  }
}
