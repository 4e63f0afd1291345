package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.stream.ChunkStream;

/**
 * A winning attempt's stream, reporting how it ended exactly once: completed, failed mid-stream (the client gets
 * the error event, written in its own dialect by the server) or abandoned by the client.
 */
final class TrackedStream implements ChunkStream {
  /** How a stream ended. */
  interface Outcome {
    void ended();

    void failed(GatewayException error);

    void abandoned();
  }

  private final ChunkStream source;
  private final Outcome outcome;
  private boolean reported;

  TrackedStream(ChunkStream source, Outcome outcome) {
    this.source = source;
    this.outcome = outcome;
  }

  @Override
  public void start(ChunkSink sink) {
    source.start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        sink.onChunk(chunk);
      }

      @Override
      public void onEnd() {
        if (!reported) {
          reported = true;
          outcome.ended();
        }
        sink.onEnd();
      }

      @Override
      public void onError(GatewayException error) {
        if (!reported) {
          reported = true;
          outcome.failed(error);
        }
        sink.onError(error);
      }
    });
  }

  @Override
  public void pause() {
    source.pause();
  }

  @Override
  public void resume() {
    source.resume();
  }

  @Override
  public void cancel() {
    if (!reported) {
      reported = true;
      outcome.abandoned();
    }
    source.cancel();
  }
}
