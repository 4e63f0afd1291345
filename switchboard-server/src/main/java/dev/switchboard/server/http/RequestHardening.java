package dev.switchboard.server.http;

import dev.switchboard.api.ErrorType;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks every request before routing: no header name or value may carry CR, LF or NUL (header injection and
 * response splitting), and a request must be fully received within {@code requestDeadlineMillis} (slow-loris: a
 * client trickling its body a byte at a time never trips the idle timeout). A new connection must deliver its first
 * request head within {@code headDeadlineMillis}, or it is closed. One instance per event loop (not thread-safe).
 */
public final class RequestHardening implements Handler<HttpServerRequest> {
  private final Vertx vertx;
  private final Handler<HttpServerRequest> next;
  private final ErrorWriter errors;
  private final long requestDeadlineMillis;
  private final long headDeadlineMillis;
  private final Set<HttpConnection> awaitingFirstRequest = new HashSet<>();

  public RequestHardening(Vertx vertx, Handler<HttpServerRequest> next, ErrorWriter errors,
      long requestDeadlineMillis, long headDeadlineMillis) {
    this.vertx = vertx;
    this.next = next;
    this.errors = errors;
    this.requestDeadlineMillis = requestDeadlineMillis;
    this.headDeadlineMillis = headDeadlineMillis;
  }

  /** The server's connection handler: starts the first-request-head deadline. */
  public void onConnection(HttpConnection connection) {
    awaitingFirstRequest.add(connection);
    long timer = vertx.setTimer(headDeadlineMillis, id -> {
      if (awaitingFirstRequest.remove(connection)) {
        connection.close();
      }
    });
    connection.closeHandler(v -> {
      vertx.cancelTimer(timer);
      awaitingFirstRequest.remove(connection);
    });
  }

  @Override
  public void handle(HttpServerRequest request) {
    awaitingFirstRequest.remove(request.connection());
    for (Map.Entry<String, String> header : request.headers()) {
      if (hasControl(header.getKey()) || hasControl(header.getValue())) {
        errors.write(request, null, new GatewayException(400, ErrorType.INVALID_REQUEST, "invalid_header", null,
            "A request header contains a forbidden control character."));
        return;
      }
    }
    if (!request.isEnded()) {
      // Other handlers own the request's and response's end handlers, so the timer only looks, then acts.
      vertx.setTimer(requestDeadlineMillis, id -> {
        if (!request.isEnded()) {
          request.connection().close();
        }
      });
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
