package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.List;
import java.util.TreeMap;

/** Turns the chunks of a streamed chat completion into the chat completion a non-streaming call returns. */
final class StreamAssembler {
  private StreamAssembler() {}

  static ObjectNode assemble(List<ObjectNode> chunks) {
    ObjectNode completion = Json.object();
    TreeMap<Integer, ChoiceBuilder> choices = new TreeMap<>();
    for (ObjectNode chunk : chunks) {
      copyIfAbsent(chunk, completion, "id");
      copyIfAbsent(chunk, completion, "created");
      copyIfAbsent(chunk, completion, "model");
      copyIfAbsent(chunk, completion, "system_fingerprint");
      JsonNode usage = chunk.get("usage");
      if (usage != null && usage.isObject()) {
        completion.set("usage", usage.deepCopy());
      }
      for (JsonNode choice : chunk.path("choices")) {
        choices.computeIfAbsent(choice.path("index").asInt(0), i -> new ChoiceBuilder()).add(choice);
      }
    }
    completion.put("object", "chat.completion");
    ArrayNode out = Json.array();
    choices.forEach((index, builder) -> out.add(builder.build(index)));
    completion.set("choices", out);
    return completion;
  }

  private static void copyIfAbsent(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull() && !to.has(field)) {
      to.set(field, value.deepCopy());
    }
  }

  /** Accumulates one choice's deltas. */
  private static final class ChoiceBuilder {
    private String role;
    private StringBuilder content;
    private StringBuilder refusal;
    private final TreeMap<Integer, ObjectNode> toolCalls = new TreeMap<>();
    private final TreeMap<Integer, StringBuilder> arguments = new TreeMap<>();
    private JsonNode finishReason;

    void add(JsonNode choice) {
      JsonNode delta = choice.path("delta");
      if (delta.path("role").isTextual()) {
        role = delta.get("role").textValue();
      }
      if (delta.path("content").isTextual()) {
        content = append(content, delta.get("content").textValue());
      }
      if (delta.path("refusal").isTextual()) {
        refusal = append(refusal, delta.get("refusal").textValue());
      }
      for (JsonNode call : delta.path("tool_calls")) {
        addToolCall(call);
      }
      JsonNode finish = choice.get("finish_reason");
      if (finish != null && !finish.isNull()) {
        finishReason = finish;
      }
    }

    private void addToolCall(JsonNode call) {
      int index = call.path("index").asInt(0);
      ObjectNode built = toolCalls.computeIfAbsent(index, i -> Json.object());
      if (call.path("id").isTextual()) {
        built.put("id", call.get("id").textValue());
      }
      if (call.path("type").isTextual()) {
        built.put("type", call.get("type").textValue());
      }
      JsonNode function = call.path("function");
      if (function.path("name").isTextual()) {
        ObjectNode fn = built.has("function") ? (ObjectNode) built.get("function") : built.putObject("function");
        fn.put("name", fn.path("name").asText("") + function.get("name").textValue());
      }
      if (function.path("arguments").isTextual()) {
        arguments.computeIfAbsent(index, i -> new StringBuilder()).append(function.get("arguments").textValue());
      }
    }

    private static StringBuilder append(StringBuilder to, String text) {
      return (to == null ? new StringBuilder() : to).append(text);
    }

    ObjectNode build(int index) {
      ObjectNode choice = Json.object();
      choice.put("index", index);
      ObjectNode message = choice.putObject("message");
      message.put("role", role == null ? "assistant" : role);
      if (content != null) {
        message.put("content", content.toString());
      } else {
        message.putNull("content");
      }
      if (refusal != null) {
        message.put("refusal", refusal.toString());
      }
      if (!toolCalls.isEmpty()) {
        ArrayNode calls = message.putArray("tool_calls");
        toolCalls.forEach((i, call) -> {
          ObjectNode fn = call.has("function") ? (ObjectNode) call.get("function") : call.putObject("function");
          StringBuilder args = arguments.get(i);
          fn.put("arguments", args == null ? "" : args.toString());
          if (!call.has("type")) {
            call.put("type", "function");
          }
          calls.add(call);
        });
      }
      choice.set("finish_reason", finishReason == null ? Json.nodes().nullNode() : finishReason.deepCopy());
      return choice;
    }
  }
}
