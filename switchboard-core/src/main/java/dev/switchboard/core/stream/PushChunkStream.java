package dev.switchboard.core.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;
import java.util.ArrayDeque;

/**
 * A {@link ChunkStream} fed by a producer (an upstream parser, a cache replay). Chunks produced before
 * {@link #start} or while paused are buffered; the producer is asked to pause when the consumer is paused.
 * Single-threaded: all calls happen on one event loop.
 */
public final class PushChunkStream implements ChunkStream {
  /** Lets the stream throttle and release its producer. */
  public interface Producer {
    void pause();

    void resume();

    void cancel();
  }

  private static final Producer NO_PRODUCER = new Producer() {
    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void cancel() {}
  };

  private final ArrayDeque<ObjectNode> pending = new ArrayDeque<>(4);
  private Producer producer = NO_PRODUCER;
  private ChunkSink sink;
  private boolean paused;
  private boolean ended;
  private GatewayException failure;
  private boolean terminalDelivered;
  private boolean cancelled;

  public void producer(Producer producer) {
    this.producer = producer == null ? NO_PRODUCER : producer;
    if (cancelled) {
      this.producer.cancel();
    }
  }

  /** Producer side: one more chunk. */
  public void emit(ObjectNode chunk) {
    if (ended || cancelled) {
      return;
    }
    if (sink != null && !paused && pending.isEmpty()) {
      sink.onChunk(chunk);
      return;
    }
    pending.add(chunk);
    if (sink != null) {
      producer.pause();
    }
  }

  /** Producer side: the stream ended normally. */
  public void end() {
    if (ended || cancelled) {
      return;
    }
    ended = true;
    drain();
  }

  /** Producer side: the stream failed. */
  public void fail(GatewayException error) {
    if (ended || cancelled) {
      return;
    }
    ended = true;
    failure = error;
    drain();
  }

  public boolean isStarted() {
    return sink != null;
  }

  @Override
  public void start(ChunkSink sink) {
    if (this.sink != null) {
      throw new IllegalStateException("stream already started");
    }
    this.sink = sink;
    drain();
  }

  @Override
  public void pause() {
    paused = true;
    producer.pause();
  }

  @Override
  public void resume() {
    paused = false;
    drain();
    if (!paused && !ended) {
      producer.resume();
    }
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    pending.clear();
    producer.cancel();
  }

  private void drain() {
    if (sink == null) {
      return;
    }
    while (!paused && !pending.isEmpty()) {
      sink.onChunk(pending.poll());
    }
    if (!paused && pending.isEmpty() && ended && !terminalDelivered) {
      terminalDelivered = true;
      if (failure != null) {
        sink.onError(failure);
      } else {
        sink.onEnd();
      }
    }
  }
}
