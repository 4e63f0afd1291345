package dev.switchboard.providers.http;

import dev.switchboard.core.spi.ChunkEmitter;
import io.vertx.core.buffer.Buffer;

/** Turns the bytes of a provider stream (SSE, AWS event stream) into OpenAI chunks. One per stream. */
public interface StreamDecoder {
  /** Throws {@link dev.switchboard.core.spi.UpstreamException} for an error inside the stream. */
  void feed(Buffer bytes, ChunkEmitter out);

  void end(ChunkEmitter out);
}
