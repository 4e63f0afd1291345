package dev.switchboard.core.spi;

import dev.switchboard.core.stream.SseEvent;

/**
 * Pure, stateful translation of one provider stream into OpenAI {@code chat.completion.chunk} objects. One
 * instance per stream. Throws {@link UpstreamException} for an error event in the stream.
 */
public interface StreamTranslator {
  void onEvent(SseEvent event, ChunkEmitter out);

  /** The provider's stream ended; emit anything still pending (for example a final usage chunk). */
  default void onEnd(ChunkEmitter out) {}
}
