package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.stream.ChunkStream;
import dev.switchboard.core.usage.Usage;

/** The successful result of an attempt, already translated to OpenAI's form. */
public sealed interface UpstreamResponse {
  /** A whole response document (chat completion or embeddings list) and its normalised usage. */
  record Complete(ObjectNode body, Usage usage) implements UpstreamResponse {}

  /**
   * A stream of OpenAI chunks. Handed over once the provider has accepted the request and sent its first event,
   * so failures before that can still be retried on another deployment.
   */
  record Streaming(ChunkStream chunks) implements UpstreamResponse {}
}
