package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/** OpenAI message content → Anthropic content blocks (text, image, tool_use, tool_result), cache_control kept. */
final class AnthropicContentMapper {
  private static final String DATA_PREFIX = "data:";

  private AnthropicContentMapper() {}

  static ArrayNode userBlocks(JsonNode content, String path) {
    ArrayNode blocks = Json.array();
    if (content == null || content.isNull()) {
      throw AnthropicRequestMapper.invalid("User messages need content.", path + ".content");
    }
    if (content.isTextual()) {
      blocks.addObject().put("type", "text").put("text", content.textValue());
      return blocks;
    }
    for (int j = 0; j < content.size(); j++) {
      blocks.add(part(content.get(j), path + ".content[" + j + "]"));
    }
    return blocks;
  }

  private static ObjectNode part(JsonNode part, String path) {
    String type = part.path("type").asText("");
    ObjectNode block;
    switch (type) {
      case "text" -> block = Json.object().put("type", "text").put("text", part.path("text").asText());
      case "image_url" -> block = image(part.path("image_url").path("url").asText(""), path);
      default -> throw AnthropicRequestMapper.invalid("Content part type '" + type
          + "' is not supported by Anthropic models.", path + ".type");
    }
    if (part.has("cache_control")) {
      block.set("cache_control", part.get("cache_control"));
    }
    return block;
  }

  /** A data URL becomes a base64 source; anything else a URL source. */
  static ObjectNode image(String url, String path) {
    ObjectNode block = Json.object().put("type", "image");
    ObjectNode source = block.putObject("source");
    if (url.startsWith(DATA_PREFIX)) {
      int semicolon = url.indexOf(';');
      int comma = url.indexOf(',');
      if (semicolon < 0 || comma < semicolon || !url.regionMatches(semicolon, ";base64,", 0, 8)) {
        throw AnthropicRequestMapper.invalid("Image data URLs must be base64-encoded.", path + ".image_url.url");
      }
      source.put("type", "base64");
      source.put("media_type", url.substring(DATA_PREFIX.length(), semicolon));
      source.put("data", url.substring(comma + 1));
    } else if (url.startsWith("https://") || url.startsWith("http://")) {
      source.put("type", "url");
      source.put("url", url);
    } else {
      throw AnthropicRequestMapper.invalid("Image URLs must be http(s) or base64 data URLs.", path + ".image_url.url");
    }
    return block;
  }

  static ObjectNode toolResult(JsonNode message, String path) {
    String id = message.path("tool_call_id").asText("");
    if (id.isEmpty()) {
      throw AnthropicRequestMapper.invalid("Tool messages need a 'tool_call_id'.", path + ".tool_call_id");
    }
    ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", id);
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      block.put("content", "");
    } else if (content.isTextual()) {
      block.put("content", content.textValue());
    } else {
      ArrayNode parts = block.putArray("content");
      for (int j = 0; j < content.size(); j++) {
        parts.add(part(content.get(j), path + ".content[" + j + "]"));
      }
    }
    return block;
  }

  static ArrayNode assistantBlocks(JsonNode message, String path) {
    ArrayNode blocks = Json.array();
    JsonNode content = message.get("content");
    if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
      blocks.addObject().put("type", "text").put("text", content.textValue());
    } else if (content != null && content.isArray()) {
      for (int j = 0; j < content.size(); j++) {
        JsonNode part = content.get(j);
        String type = part.path("type").asText("");
        if (type.equals("refusal")) {
          blocks.addObject().put("type", "text").put("text", part.path("refusal").asText());
        } else if (!type.equals("text") || !part.path("text").asText().isEmpty()) {
          blocks.add(part(part, path + ".content[" + j + "]"));
        }
      }
    }
    JsonNode calls = message.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (int j = 0; j < calls.size(); j++) {
        blocks.add(toolUse(calls.get(j), path + ".tool_calls[" + j + "]"));
      }
    }
    return blocks;
  }

  private static ObjectNode toolUse(JsonNode call, String path) {
    JsonNode function = call.path("function");
    ObjectNode block = Json.object().put("type", "tool_use");
    block.put("id", call.path("id").asText());
    block.put("name", function.path("name").asText());
    String arguments = function.path("arguments").asText("");
    JsonNode input;
    try {
      input = arguments.isBlank() ? Json.object() : Json.parse(arguments);
    } catch (Exception e) {
      input = null;
    }
    if (!(input instanceof ObjectNode)) {
      throw AnthropicRequestMapper.invalid("Tool call arguments must be a JSON object for Anthropic models.",
          path + ".function.arguments");
    }
    block.set("input", input);
    return block;
  }
}
