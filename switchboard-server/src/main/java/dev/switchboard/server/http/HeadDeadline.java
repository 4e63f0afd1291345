package dev.switchboard.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Closes connections that do not deliver a complete request head in time (slow-loris on headers): a connection must
 * send a whole head within {@code headTimeoutMillis} of connecting, or of its last response ending while no other
 * request is open (keep-alive). A client trickling header bytes resets the idle timeout but not this deadline.
 *
 * <p>One instance per server and event loop (not thread-safe), created on that event loop: connections are
 * registered by the server's connection handler and their requests by {@link #requestArrived}; a periodic sweep (a
 * quarter of the deadline, at most once a second) looks at every connection, so a connection is closed between one deadline and one sweep
 * period late. Connections are keyed by their remote address, which stays the same across an h2c upgrade. With
 * {@code server.http2_cleartext} on, the server announces a connection only after its first head, so only later
 * heads are covered.
 */
public final class HeadDeadline {
  private final Vertx vertx;
  private final long timeoutNanos;
  private final long sweepMillis;
  private final Map<String, Watched> connections = new HashMap<>();
  private final long sweeper;

  /** One connection: when it started waiting for a head (-1 while requests are open) and its open requests. */
  private static final class Watched {
    final HttpConnection connection;
    long waitingSinceNanos;
    final List<HttpServerRequest> open = new ArrayList<>(1);

    Watched(HttpConnection connection, long now) {
      this.connection = connection;
      this.waitingSinceNanos = now;
    }
  }

  public HeadDeadline(Vertx vertx, long headTimeoutMillis) {
    this.vertx = vertx;
    this.timeoutNanos = headTimeoutMillis * 1_000_000L;
    this.sweepMillis = Math.max(25, Math.min(1_000, headTimeoutMillis / 4));
    this.sweeper = vertx.setPeriodic(sweepMillis, id -> sweep());
  }

  /** For {@code HttpServer.connectionHandler}: the head deadline starts now. */
  public void connected(HttpConnection connection) {
    String key = key(connection);
    if (key == null) {
      return;
    }
    connections.put(key, new Watched(connection, System.nanoTime()));
    connection.closeHandler(v -> connections.remove(key));
  }

  /** A complete head arrived: the connection is busy until its open requests have been answered. */
  public void requestArrived(HttpServerRequest request) {
    String key = key(request.connection());
    Watched watched = key == null ? null : connections.get(key);
    if (watched != null) {
      watched.open.add(request);
      watched.waitingSinceNanos = -1;
    }
  }

  /** Connections currently watched (for tests and metrics). */
  public int watched() {
    return connections.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    Iterator<Watched> all = connections.values().iterator();
    while (all.hasNext()) {
      Watched watched = all.next();
      if (watched.waitingSinceNanos < 0) {
        watched.open.removeIf(request -> request.response().ended() || request.response().closed());
        if (watched.open.isEmpty()) {
          watched.waitingSinceNanos = now;
        }
      } else if (now - watched.waitingSinceNanos > timeoutNanos) {
        all.remove();
        watched.connection.close();
      }
    }
  }

  private static String key(HttpConnection connection) {
    return connection == null || connection.remoteAddress() == null ? null : connection.remoteAddress().toString();
  }
}
