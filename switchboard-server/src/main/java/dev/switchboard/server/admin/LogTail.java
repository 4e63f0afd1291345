package dev.switchboard.server.admin;

import dev.switchboard.api.Json;
import dev.switchboard.core.observe.LogEntry;
import dev.switchboard.core.observe.LogRow;
import dev.switchboard.core.observe.RequestLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * {@code GET /admin/logs/tail}: every finished request's metadata as a server-sent event, optionally filtered by
 * {@code key}, {@code team}, {@code model} or {@code provider}. Best effort: events are skipped (and counted in
 * a comment) while the client reads too slowly; the stored log itself is unaffected.
 */
final class LogTail {
  private static final long HEARTBEAT_MILLIS = 15_000;

  private final RequestLog log;
  private final Vertx vertx;

  LogTail(RequestLog log, Vertx vertx) {
    this.log = log;
    this.vertx = vertx;
  }

  void handle(HttpServerRequest request) {
    Map<String, String> filters = Map.of(
        "key_id", param(request, "key"), "team", param(request, "team"),
        "requested_model", param(request, "model"), "provider", param(request, "provider"));
    HttpServerResponse response = request.response();
    response.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    response.write(": tail of the request log\n\n");
    Context context = vertx.getOrCreateContext();
    long[] skipped = {0};
    AutoCloseable subscription = log.subscribe((LogEntry entry, LogRow row) -> {
      if (!matches(row, filters)) {
        return;
      }
      String event = "data: " + Json.writeString(row.toJson()) + "\n\n";
      context.runOnContext(v -> {
        if (response.closed() || response.ended()) {
          return;
        }
        if (response.writeQueueFull()) {
          skipped[0]++;
          return;
        }
        if (skipped[0] > 0) {
          response.write(": skipped " + skipped[0] + " events\n\n");
          skipped[0] = 0;
        }
        response.write(Buffer.buffer(event));
      });
    });
    long timer = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> {
      if (!response.closed() && !response.ended()) {
        response.write(": heartbeat\n\n");
      }
    });
    response.closeHandler(v -> {
      vertx.cancelTimer(timer);
      try {
        subscription.close();
      } catch (Exception ignored) {
        // removing a listener cannot fail
      }
    });
  }

  private static boolean matches(LogRow row, Map<String, String> filters) {
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      if (!filter.getValue().isEmpty() && !filter.getValue().equals(row.text(filter.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static String param(HttpServerRequest request, String name) {
    String value = request.getParam(name);
    return value == null ? "" : value;
  }
}
