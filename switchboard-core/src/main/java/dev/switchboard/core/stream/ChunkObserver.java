package dev.switchboard.core.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.GatewayException;

/** A filter's view of a passing stream. */
public interface ChunkObserver {
  /** Sees a chunk; returns it, a replacement, or null to drop it. */
  ObjectNode onChunk(ObjectNode chunk);

  default void onEnd() {}

  default void onError(GatewayException error) {}
}
