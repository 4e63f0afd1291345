package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.stream.ChunkStream;
import dev.switchboard.core.usage.Usage;
import java.util.List;

/** The successful result of an attempt, already translated to OpenAI's form. */
public sealed interface UpstreamResponse {
  /** A whole response document (chat completion or embeddings list) and its normalised usage. */
  record Complete(ObjectNode body, Usage usage, List<String> warnings) implements UpstreamResponse {
    public Complete {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Complete(ObjectNode body, Usage usage) {
      this(body, usage, List.of());
    }
  }

  /**
   * A stream of OpenAI chunks. Handed over once the provider has accepted the request and sent its first event,
   * so failures before that can still be retried on another deployment.
   */
  record Streaming(ChunkStream chunks, List<String> warnings) implements UpstreamResponse {
    public Streaming {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Streaming(ChunkStream chunks) {
      this(chunks, List.of());
    }
  }

  /**
   * What the gateway did to the request to fit this provider (for example a parameter it dropped); sent to the
   * client in the {@code x-switchboard-warning} response header.
   */
  List<String> warnings();
}
