package dev.switchboard.core.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;

/** Receives the chunks of a stream, then exactly one of {@link #onEnd()} or {@link #onError}. */
public interface ChunkSink {
  void onChunk(ObjectNode chunk);

  void onEnd();

  void onError(GatewayException error);
}
