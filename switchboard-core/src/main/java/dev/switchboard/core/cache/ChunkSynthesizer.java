package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a chat completion into the chunks a streaming call returns: per choice one chunk with the whole message
 * and one with the finish reason, then a usage chunk (choices empty) when the completion reported usage.
 */
final class ChunkSynthesizer {
  private ChunkSynthesizer() {}

  static List<ObjectNode> toChunks(ObjectNode completion) {
    List<ObjectNode> chunks = new ArrayList<>();
    for (JsonNode choice : completion.path("choices")) {
      int index = choice.path("index").asInt(0);
      JsonNode message = choice.path("message");
      ObjectNode delta = Json.object();
      delta.put("role", message.path("role").asText("assistant"));
      if (message.path("content").isTextual()) {
        delta.put("content", message.get("content").textValue());
      }
      if (message.path("refusal").isTextual()) {
        delta.put("refusal", message.get("refusal").textValue());
      }
      JsonNode calls = message.get("tool_calls");
      if (calls != null && calls.isArray() && !calls.isEmpty()) {
        ArrayNode indexed = delta.putArray("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
          ObjectNode call = Json.object();
          call.put("index", i);
          call.setAll((ObjectNode) calls.get(i).deepCopy());
          indexed.add(call);
        }
      }
      chunks.add(chunk(completion, index, delta, null));
      chunks.add(chunk(completion, index, Json.object(), choice.get("finish_reason")));
    }
    JsonNode usage = completion.get("usage");
    if (usage != null && usage.isObject()) {
      ObjectNode last = header(completion);
      last.putArray("choices");
      last.set("usage", usage.deepCopy());
      chunks.add(last);
    }
    return chunks;
  }

  private static ObjectNode chunk(ObjectNode completion, int index, ObjectNode delta, JsonNode finishReason) {
    ObjectNode chunk = header(completion);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", index);
    choice.set("delta", delta);
    choice.set("finish_reason", finishReason == null ? Json.nodes().nullNode() : finishReason.deepCopy());
    return chunk;
  }

  private static ObjectNode header(ObjectNode completion) {
    ObjectNode chunk = Json.object();
    copy(completion, chunk, "id");
    chunk.put("object", "chat.completion.chunk");
    copy(completion, chunk, "created");
    copy(completion, chunk, "model");
    copy(completion, chunk, "system_fingerprint");
    return chunk;
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value.deepCopy());
    }
  }
}
