package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.stream.ChunkStream;
import dev.switchboard.core.usage.UsageFilter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a chunk stream as server-sent events with flow control: when the client's socket is full the upstream
 * is paused, and resumed when it drains. Each write is whole events, so nothing is ever interleaved inside one.
 * A client that goes away cancels the upstream. A client that sent {@code TE: trailers} gets the request's cost as
 * an {@code x-switchboard-cost-usd} trailer once the stream is done (when the served model has a price).
 */
final class SseWriter implements ChunkSink {
  private final HttpServerResponse out;
  private final Exchange exchange;
  private final ClientCodec.StreamEncoder encoder;
  private final ChunkStream chunks;
  private final Runnable done;
  private boolean finished;
  private Buffer pending;
  private boolean flushScheduled;
  private boolean costTrailer;

  SseWriter(HttpServerResponse out, Exchange exchange, ClientCodec.StreamEncoder encoder, ChunkStream chunks,
      Runnable done) {
    this.out = out;
    this.exchange = exchange;
    this.encoder = encoder;
    this.chunks = chunks;
    this.done = done;
  }

  void start() {
    out.setChunked(true);
    out.putHeader("content-type", "text/event-stream; charset=utf-8");
    out.putHeader("cache-control", "no-cache");
    out.putHeader("x-accel-buffering", "no");
    costTrailer = acceptsTrailers(exchange.requestHeaders().get("te"));
    if (costTrailer) {
      out.putHeader("trailer", UsageFilter.COST_HEADER);
    }
    out.drainHandler(v -> chunks.resume());
    out.closeHandler(v -> {
      if (!finished) {
        finished = true;
        exchange.cancel();
        chunks.cancel();
        done.run();
      }
    });
    chunks.start(this);
  }

  @Override
  public void onChunk(ObjectNode chunk) {
    if (finished) {
      return;
    }
    Buffer frames = encoder.chunk(chunk);
    if (frames == null) {
      return;
    }
    // Chunks decoded from one upstream read arrive in one go: gather them and write once per event-loop turn,
    // instead of one socket write and flush per chunk.
    if (pending == null) {
      pending = Buffer.buffer(Math.max(256, frames.length() * 4));
    }
    pending.appendBuffer(frames);
    if (!flushScheduled) {
      flushScheduled = true;
      io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
      if (context == null) {
        flush();
      } else {
        context.runOnContext(v -> flush());
      }
    }
  }

  @Override
  public void onEnd() {
    finish(encoder.end());
  }

  @Override
  public void onError(GatewayException error) {
    exchange.record().errorType = error.type();
    exchange.record().errorCode = error.code();
    finish(encoder.error(error));
  }

  private void flush() {
    flushScheduled = false;
    if (finished || pending == null) {
      return;
    }
    Buffer frames = pending;
    pending = null;
    out.write(frames);
    if (out.writeQueueFull()) {
      chunks.pause();
    }
  }

  private void finish(Buffer last) {
    if (finished) {
      return;
    }
    finished = true;
    if (out.closed()) {
      done.run();
      return;
    }
    Buffer tail = pending;
    pending = null;
    if (last != null) {
      tail = tail == null ? last : tail.appendBuffer(last);
    }
    if (tail != null) {
      out.write(tail);
    }
    if (costTrailer && exchange.record().priced && exchange.record().errorType == null) {
      out.putTrailer(UsageFilter.COST_HEADER, UsageFilter.format(exchange.record().costUsd));
    }
    out.end().onComplete(ignored -> done.run());
  }

  /** Whether a {@code TE} header value lists {@code trailers} (RFC 9110 §10.1.4). */
  static boolean acceptsTrailers(String te) {
    if (te == null) {
      return false;
    }
    for (String token : te.split(",")) {
      String name = token.trim();
      int semicolon = name.indexOf(';');
      if ((semicolon < 0 ? name : name.substring(0, semicolon).trim()).equalsIgnoreCase("trailers")) {
        return true;
      }
    }
    return false;
  }
}
