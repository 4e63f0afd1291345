package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.stream.ChunkStream;
import dev.switchboard.core.usage.Usage;
import java.util.Map;

/** The successful result of an attempt, already translated to OpenAI's form. */
public sealed interface UpstreamResponse {
  /** A whole response document (chat completion or embeddings list) and its normalised usage. */
  record Complete(ObjectNode body, Usage usage, Map<String, String> headers)
      implements UpstreamResponse {
    public Complete {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Complete(ObjectNode body, Usage usage) {
      this(body, usage, Map.of());
    }
  }

  /**
   * A stream of OpenAI chunks. Handed over once the provider has accepted the request and sent its first event,
   * so failures before that can still be retried on another deployment.
   */
  record Streaming(ChunkStream chunks, Map<String, String> headers) implements UpstreamResponse {
    public Streaming {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Streaming(ChunkStream chunks) {
      this(chunks, Map.of());
    }
  }

  /** Response headers the adapter adds for the client (for example a warning about dropped parameters). */
  Map<String, String> headers();
}
