package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.stream.PushChunkStream;
import java.util.List;

/**
 * Turns a stored answer into the response the client asked for: a chat completion, or a stream of OpenAI chunks
 * (the server translates chunks to the client's dialect after the chain, as it does for upstream streams). A
 * streamed answer can serve a non-streaming request and the other way round.
 */
final class CacheReplay {
  private CacheReplay() {}

  static GatewayResponse toResponse(Exchange exchange, CachedAnswer answer) {
    if (!exchange.isStream()) {
      return GatewayResponse.ok(answer.completion());
    }
    List<ObjectNode> chunks = answer.chunks();
    boolean wantsUsage = exchange.wantsStreamUsage();
    PushChunkStream stream = new PushChunkStream();
    for (ObjectNode chunk : chunks) {
      if (!wantsUsage && chunk.has("usage")) {
        JsonNode choices = chunk.get("choices");
        if (choices == null || choices.isEmpty()) {
          continue;
        }
        chunk.remove("usage");
      }
      stream.emit(chunk);
    }
    stream.end();
    return new GatewayResponse.Stream(200, stream);
  }
}
