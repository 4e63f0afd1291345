package dev.switchboard.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** Writes stream frames on schedule, in small batches so that fast models do not need a timer per token. */
final class FramePacer {
  private static final long MIN_TIMER_MS = 2;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final List<Buffer> frames;
  private final double[] dueMillis;
  private final Fault fault;
  private long startNanos;
  private int next;

  FramePacer(Vertx vertx, HttpServerResponse response, List<Buffer> frames, List<Integer> tokensPerFrame,
      double ttftMillis, double tokensPerSecond, Fault fault) {
    this.vertx = vertx;
    this.response = response;
    this.frames = frames;
    this.fault = fault;
    this.dueMillis = new double[frames.size()];
    double due = ttftMillis;
    double extra = fault.type() == Fault.Type.SLOW ? fault.delayMs() : 0;
    for (int i = 0; i < frames.size(); i++) {
      dueMillis[i] = due;
      int tokens = i < tokensPerFrame.size() ? tokensPerFrame.get(i) : 0;
      due += (Double.isInfinite(tokensPerSecond) ? 0 : tokens * 1000.0 / tokensPerSecond) + extra;
    }
  }

  void start() {
    startNanos = System.nanoTime();
    tick();
  }

  private void tick() {
    if (response.closed()) {
      return;
    }
    double elapsed = (System.nanoTime() - startNanos) / 1e6;
    while (next < frames.size() && dueMillis[next] <= elapsed + 0.5) {
      if (fault.type() == Fault.Type.CUT_STREAM && next >= fault.afterChunks()) {
        response.reset();
        return;
      }
      if (fault.type() == Fault.Type.MALFORMED && next == 1) {
        response.write(Buffer.buffer("data: {\"choices\": [{\"delta\": \n\n"));
      }
      response.write(frames.get(next++));
    }
    if (next >= frames.size()) {
      response.end();
      return;
    }
    long wait = Math.max(MIN_TIMER_MS, (long) Math.ceil(dueMillis[next] - elapsed));
    vertx.setTimer(wait, id -> tick());
  }
}
