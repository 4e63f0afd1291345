package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.observe.RequestRecord;
import dev.switchboard.core.stream.ChunkObserver;
import dev.switchboard.core.usage.Usage;

/** Notes the usage (last reported value wins) and finish reason of a passing stream. */
final class StreamUsageObserver implements ChunkObserver {
  private final RequestRecord record;

  StreamUsageObserver(RequestRecord record) {
    this.record = record;
  }

  @Override
  public ObjectNode onChunk(ObjectNode chunk) {
    JsonNode usage = chunk.get("usage");
    if (usage != null && usage.isObject()) {
      record.usage = Usage.fromOpenAi(usage);
    }
    JsonNode choices = chunk.get("choices");
    if (choices != null && choices.size() > 0) {
      JsonNode finish = choices.get(0).get("finish_reason");
      if (finish != null && finish.isTextual()) {
        record.finishReason = finish.textValue();
      }
    }
    return chunk;
  }
}
