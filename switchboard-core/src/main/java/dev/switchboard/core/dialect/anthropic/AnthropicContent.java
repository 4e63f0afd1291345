package dev.switchboard.core.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;

/** Anthropic messages, content blocks and tools → their OpenAI counterparts (see {@link AnthropicMessagesRequest}). */
final class AnthropicContent {
  private AnthropicContent() {}

  static void addMessage(JsonNode message, String path, ArrayNode out) {
    String role = message.path("role").asText("");
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      throw GatewayException.badRequest(path + ".content: Field required", path + ".content");
    }
    switch (role) {
      case "user" -> addUser(content, path, out);
      case "assistant" -> addAssistant(content, path, out);
      default -> throw GatewayException.badRequest(path + ".role: Input should be 'user' or 'assistant'",
          path + ".role");
    }
  }

  private static void addUser(JsonNode content, String path, ArrayNode out) {
    if (content.isTextual()) {
      out.addObject().put("role", "user").put("content", content.textValue());
      return;
    }
    ArrayNode parts = Json.array();
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      String blockPath = path + ".content." + i;
      if (block.path("type").asText().equals("tool_result")) {
        out.add(toolMessage(block, blockPath));
      } else {
        parts.add(part(block, blockPath));
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode user = out.addObject().put("role", "user");
    if (parts.size() == 1 && parts.get(0).size() == 2 && parts.get(0).path("type").asText().equals("text")) {
      user.put("content", parts.get(0).get("text").asText());
    } else {
      user.set("content", parts);
    }
  }

  private static void addAssistant(JsonNode content, String path, ArrayNode out) {
    ObjectNode assistant = Json.object().put("role", "assistant");
    if (content.isTextual()) {
      out.add(assistant.put("content", content.textValue()));
      return;
    }
    StringBuilder text = new StringBuilder();
    ArrayNode calls = Json.array();
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText());
        case "tool_use" -> {
          ObjectNode call = calls.addObject();
          call.put("id", block.path("id").asText());
          call.put("type", "function");
          JsonNode input = block.get("input");
          call.putObject("function").put("name", block.path("name").asText())
              .put("arguments", input == null || input.isNull() ? "{}" : Json.writeString(input));
        }
        case "thinking", "redacted_thinking" -> {
          // the model's notes from an earlier turn: not part of the conversation for other providers
        }
        default -> throw unsupportedBlock(block, path + ".content." + i);
      }
    }
    if (text.length() > 0 || calls.isEmpty()) {
      assistant.put("content", text.toString());
    } else {
      assistant.putNull("content");
    }
    if (!calls.isEmpty()) {
      assistant.set("tool_calls", calls);
    }
    out.add(assistant);
  }

  private static ObjectNode part(JsonNode block, String path) {
    ObjectNode part = Json.object();
    switch (block.path("type").asText("")) {
      case "text" -> part.put("type", "text").put("text", block.path("text").asText());
      case "image" -> part.put("type", "image_url").putObject("image_url").put("url", imageUrl(block, path));
      default -> throw unsupportedBlock(block, path);
    }
    if (block.has("cache_control")) {
      part.set("cache_control", block.get("cache_control"));
    }
    return part;
  }

  private static String imageUrl(JsonNode block, String path) {
    JsonNode source = block.path("source");
    return switch (source.path("type").asText("")) {
      case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
      case "url" -> source.path("url").asText();
      default -> throw GatewayException.badRequest(path + ".source: image sources must be base64 or url",
          path + ".source.type");
    };
  }

  private static ObjectNode toolMessage(JsonNode block, String path) {
    ObjectNode tool = Json.object().put("role", "tool");
    tool.put("tool_call_id", block.path("tool_use_id").asText());
    JsonNode content = block.get("content");
    StringBuilder text = new StringBuilder();
    if (block.path("is_error").asBoolean(false)) {
      text.append("Error: ");
    }
    if (content != null && content.isTextual()) {
      text.append(content.textValue());
    } else if (content != null && content.isArray()) {
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        if (!part.path("type").asText().equals("text")) {
          throw GatewayException.badRequest(path + ".content." + i
              + ": only text tool results can be served by every provider", path + ".content." + i + ".type");
        }
        if (i > 0) {
          text.append('\n');
        }
        text.append(part.path("text").asText());
      }
    }
    return tool.put("content", text.toString());
  }

  private static GatewayException unsupportedBlock(JsonNode block, String path) {
    return GatewayException.badRequest(path + ": content block type '" + block.path("type").asText()
        + "' is not supported", path + ".type");
  }

  static void addTools(ObjectNode anthropic, ObjectNode out) {
    JsonNode tools = anthropic.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      ArrayNode mapped = out.putArray("tools");
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        String type = tool.path("type").asText("custom");
        if (!type.equals("custom") || !tool.has("input_schema")) {
          throw GatewayException.badRequest("tools." + i + ": only client tools with an input_schema are supported",
              "tools." + i);
        }
        ObjectNode entry = mapped.addObject().put("type", "function");
        ObjectNode function = entry.putObject("function").put("name", tool.path("name").asText());
        if (tool.hasNonNull("description")) {
          function.put("description", tool.get("description").asText());
        }
        function.set("parameters", tool.get("input_schema"));
        if (tool.has("cache_control")) {
          entry.set("cache_control", tool.get("cache_control"));
        }
      }
    }
    JsonNode choice = anthropic.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    String type = choice.path("type").asText("auto");
    switch (type) {
      case "auto" -> out.put("tool_choice", "auto");
      case "any" -> out.put("tool_choice", "required");
      case "none" -> out.put("tool_choice", "none");
      case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
          .put("name", choice.path("name").asText());
      default -> throw GatewayException.badRequest("tool_choice.type: unknown value '" + type + "'",
          "tool_choice.type");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      out.put("parallel_tool_calls", false);
    }
  }
}
