package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.stream.ChunkObserver;
import dev.switchboard.core.stream.ChunkStream;
import dev.switchboard.core.stream.ObservedChunkStream;

/**
 * A response in Switchboard's canonical form (OpenAI's JSON). Either a whole JSON document or a stream of
 * chat-completion chunks. Response headers live on the {@link Exchange}.
 */
public sealed interface GatewayResponse {
  int status();

  /** A whole JSON document. */
  record Full(int status, ObjectNode body) implements GatewayResponse {}

  /** A stream of OpenAI {@code chat.completion.chunk} objects. */
  record Stream(int status, ChunkStream chunks) implements GatewayResponse {
    /** The same stream with an observer that sees (and may replace or drop) every chunk. */
    public Stream observedBy(ChunkObserver observer) {
      return new Stream(status, new ObservedChunkStream(chunks, observer));
    }
  }

  static Full ok(ObjectNode body) {
    return new Full(200, body);
  }
}
