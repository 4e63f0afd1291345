package dev.switchboard.core.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;

/** A stream seen through a {@link ChunkObserver}. */
public final class ObservedChunkStream implements ChunkStream {
  private final ChunkStream source;
  private final ChunkObserver observer;

  public ObservedChunkStream(ChunkStream source, ChunkObserver observer) {
    this.source = source;
    this.observer = observer;
  }

  @Override
  public void start(ChunkSink sink) {
    source.start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        ObjectNode seen = observer.onChunk(chunk);
        if (seen != null) {
          sink.onChunk(seen);
        }
      }

      @Override
      public void onEnd() {
        observer.onEnd();
        sink.onEnd();
      }

      @Override
      public void onError(GatewayException error) {
        observer.onError(error);
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
    source.cancel();
  }
}
