package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.UpstreamException;

/**
 * OpenAI chat messages → Converse {@code system} and {@code messages}. System and developer messages become
 * system blocks; tool results become {@code toolResult} blocks in a user turn; consecutive turns of one role are
 * merged, since Converse requires user and assistant turns to alternate. Pure.
 */
final class BedrockMessages {
  private BedrockMessages() {}

  static void convert(JsonNode messages, ObjectNode converse) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw invalid("'messages' must be a non-empty array.", "messages");
    }
    ArrayNode system = Json.array();
    ArrayNode turns = Json.array();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      String path = "messages[" + i + "]";
      switch (role) {
        case "system", "developer" -> {
          String text = text(message.get("content"), path + ".content");
          if (!text.isEmpty()) {
            system.addObject().put("text", text);
          }
        }
        case "user" -> append(turns, "user", userContent(message.get("content"), path + ".content"));
        case "assistant" -> append(turns, "assistant", assistantContent(message, path));
        case "tool" -> append(turns, "user", toolResult(message, path));
        default -> throw invalid("Unsupported message role '" + role + "' for Bedrock.", path + ".role");
      }
    }
    if (!system.isEmpty()) {
      converse.set("system", system);
    }
    converse.set("messages", turns);
  }

  private static void append(ArrayNode turns, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && last.path("role").asText().equals(role)) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    turn.set("content", blocks);
  }

  private static ArrayNode userContent(JsonNode content, String path) {
    ArrayNode blocks = Json.array();
    if (content == null || content.isNull()) {
      return blocks;
    }
    if (content.isTextual()) {
      addText(blocks, content.textValue());
      return blocks;
    }
    if (!content.isArray()) {
      throw invalid("Message content must be a string or an array of parts.", path);
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> addText(blocks, part.path("text").asText(""));
        case "image_url" -> blocks.addObject().set("image", image(part.path("image_url").path("url").asText(""),
            path + "[" + j + "].image_url"));
        default -> throw invalid("Content parts of type '" + type + "' are not supported for Bedrock.",
            path + "[" + j + "].type");
      }
    }
    return blocks;
  }

  private static ObjectNode image(String url, String path) {
    if (!url.startsWith("data:")) {
      throw invalid("Bedrock accepts images only inline, as base64 data: URLs.", path);
    }
    int comma = url.indexOf(',');
    String meta = comma < 0 ? "" : url.substring(5, comma);
    if (comma < 0 || !meta.endsWith(";base64")) {
      throw invalid("The image data: URL must be base64-encoded.", path);
    }
    String mime = meta.substring(0, meta.length() - ";base64".length());
    String format = switch (mime) {
      case "image/png" -> "png";
      case "image/jpeg", "image/jpg" -> "jpeg";
      case "image/gif" -> "gif";
      case "image/webp" -> "webp";
      default -> throw invalid("Bedrock accepts png, jpeg, gif and webp images, not '" + mime + "'.", path);
    };
    ObjectNode image = Json.object();
    image.put("format", format);
    image.putObject("source").put("bytes", url.substring(comma + 1));
    return image;
  }

  private static ArrayNode assistantContent(JsonNode message, String path) {
    ArrayNode blocks = Json.array();
    JsonNode content = message.get("content");
    if (content != null && !content.isNull()) {
      addText(blocks, text(content, path + ".content"));
    }
    JsonNode calls = message.path("tool_calls");
    for (int j = 0; j < calls.size(); j++) {
      JsonNode call = calls.get(j);
      String argumentsPath = path + ".tool_calls[" + j + "].function.arguments";
      ObjectNode toolUse = blocks.addObject().putObject("toolUse");
      toolUse.put("toolUseId", call.path("id").asText(""));
      toolUse.put("name", call.path("function").path("name").asText(""));
      toolUse.set("input", arguments(call.path("function").path("arguments"), argumentsPath));
    }
    return blocks;
  }

  private static JsonNode arguments(JsonNode arguments, String path) {
    if (arguments.isObject()) {
      return arguments;
    }
    String text = arguments.asText("");
    if (text.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.parse(text);
      if (parsed.isObject()) {
        return parsed;
      }
    } catch (Exception malformed) {
      // reported below
    }
    throw invalid("Tool call arguments must be a JSON object for Bedrock.", path);
  }

  private static ArrayNode toolResult(JsonNode message, String path) {
    String id = message.path("tool_call_id").asText("");
    if (id.isEmpty()) {
      throw invalid("A tool message needs 'tool_call_id'.", path + ".tool_call_id");
    }
    ArrayNode blocks = Json.array();
    ObjectNode result = blocks.addObject().putObject("toolResult");
    result.put("toolUseId", id);
    String text = text(message.get("content"), path + ".content");
    result.putArray("content").addObject().put("text", text.isEmpty() ? " " : text);
    return blocks;
  }

  /** The text of a string or of an array of text (or refusal) parts. */
  static String text(JsonNode content, String path) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    if (!content.isArray()) {
      throw invalid("Message content must be a string or an array of parts.", path);
    }
    StringBuilder out = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText("");
      if (!type.equals("text") && !type.equals("refusal")) {
        throw invalid("Only text parts are allowed here for Bedrock.", path + "[" + j + "].type");
      }
      out.append(part.path(type.equals("text") ? "text" : "refusal").asText(""));
    }
    return out.toString();
  }

  private static void addText(ArrayNode blocks, String text) {
    if (text != null && !text.isEmpty()) {
      blocks.addObject().put("text", text);
    }
  }

  static UpstreamException invalid(String message, String param) {
    return UpstreamException.invalidRequest(message, param, "invalid_request");
  }
}
