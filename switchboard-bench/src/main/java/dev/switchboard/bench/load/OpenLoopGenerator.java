package dev.switchboard.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open-loop load: requests are due at a fixed rate whatever the server does, and each latency is measured from
 * the request's intended send time (so a stalled server shows up in the percentiles instead of silently slowing
 * the load: no coordinated omission). Bounded by a duration and a cap on requests in flight; a request due while
 * the cap is reached is counted as shed, not delayed.
 */
public final class OpenLoopGenerator {
  /** What to send, how fast and for how long. */
  public record Settings(String url, double ratePerSecond, long durationMillis, int maxInFlight, Buffer body,
      MultiMap headers, long timeoutMillis, boolean http2) {}

  private final Vertx vertx;
  private final Settings settings;
  private final LoadClient client;
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Promise<LoadReport> done = Promise.promise();
  private long startNanos;
  private long sent;
  private long shed;
  private long completed;
  private int inFlight;
  private long timerId;
  private boolean sending = true;

  public OpenLoopGenerator(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = new LoadClient(vertx, settings.maxInFlight(), settings.http2());
  }

  /** Runs the load on one event loop; the report arrives once the last request answered or timed out. */
  public Future<LoadReport> run() {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      startNanos = System.nanoTime();
      timerId = vertx.setPeriodic(1, id -> tick());
    });
    return done.future().eventually(() -> client.close());
  }

  private void tick() {
    long now = System.nanoTime();
    long elapsed = now - startNanos;
    boolean over = elapsed >= settings.durationMillis() * 1_000_000L;
    long due = over ? dueBy(settings.durationMillis() * 1_000_000L) : dueBy(elapsed);
    while (sent + shed < due) {
      long intended = startNanos + (long) ((sent + shed) * 1e9 / settings.ratePerSecond());
      if (inFlight >= settings.maxInFlight()) {
        shed++;
        continue;
      }
      send(intended);
    }
    if (over && sending) {
      sending = false;
      vertx.cancelTimer(timerId);
      finishIfIdle();
    }
  }

  private long dueBy(long elapsedNanos) {
    return (long) Math.floor(elapsedNanos / 1e9 * settings.ratePerSecond()) + 1;
  }

  private void send(long intendedNanos) {
    sent++;
    inFlight++;
    client.post(settings.url(), settings.headers(), settings.body(), settings.timeoutMillis()).onComplete(result -> {
      LoadClient.Reply reply = result.result();
      latencies.recordNanos(System.nanoTime() - intendedNanos);
      statuses.merge(reply.status(), 1L, Long::sum);
      completed++;
      inFlight--;
      if (!sending) {
        finishIfIdle();
      }
    });
  }

  private void finishIfIdle() {
    if (inFlight > 0) {
      return;
    }
    long elapsed = System.nanoTime() - startNanos;
    done.tryComplete(new LoadReport(settings.url(), settings.ratePerSecond(), sent, completed, shed,
        Map.copyOf(statuses), elapsed, latencies));
  }
}
