package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/**
 * OpenAI {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code response_format} → Anthropic
 * tools. JSON mode has no native Anthropic switch, so it is honoured with a reserved tool whose input schema is the
 * requested schema and which the model is made to call; the response side turns that call back into the message
 * content.
 */
final class AnthropicToolMapper {
  /** The reserved tool that carries a JSON-mode answer. */
  static final String JSON_TOOL = "switchboard_json_response";

  private AnthropicToolMapper() {}

  static void mapTools(ObjectNode openAi, ObjectNode out) {
    JsonNode tools = openAi.get("tools");
    ArrayNode mapped = Json.array();
    if (tools != null && tools.isArray()) {
      for (int i = 0; i < tools.size(); i++) {
        mapped.add(tool(tools.get(i), "tools[" + i + "]"));
      }
    }
    ObjectNode jsonTool = jsonTool(openAi.get("response_format"));
    ObjectNode choice = choice(openAi.get("tool_choice"));
    if (jsonTool != null) {
      mapped.add(jsonTool);
      if (mapped.size() == 1) {
        choice = Json.object().put("type", "tool").put("name", JSON_TOOL);
      } else if (choice == null || choice.path("type").asText().equals("auto")) {
        choice = Json.object().put("type", "any");
      }
    }
    if (mapped.isEmpty()) {
      return;
    }
    out.set("tools", mapped);
    boolean parallel = openAi.path("parallel_tool_calls").asBoolean(true);
    if (!parallel) {
      if (choice == null) {
        choice = Json.object().put("type", "auto");
      }
      if (!choice.path("type").asText().equals("none")) {
        choice.put("disable_parallel_tool_use", true);
      }
    }
    if (choice != null) {
      out.set("tool_choice", choice);
    }
  }

  private static ObjectNode tool(JsonNode tool, String path) {
    if (!tool.path("type").asText("function").equals("function")) {
      throw AnthropicRequestMapper.invalid("Only function tools are supported by Anthropic models.", path + ".type");
    }
    JsonNode function = tool.path("function");
    String name = function.path("name").asText("");
    if (name.isEmpty()) {
      throw AnthropicRequestMapper.invalid("Tools need a function name.", path + ".function.name");
    }
    if (name.equals(JSON_TOOL)) {
      throw AnthropicRequestMapper.invalid("The tool name '" + JSON_TOOL + "' is reserved.", path + ".function.name");
    }
    ObjectNode out = Json.object().put("name", name);
    if (function.hasNonNull("description")) {
      out.put("description", function.get("description").asText());
    }
    JsonNode parameters = function.get("parameters");
    if (parameters == null || parameters.isNull()) {
      ObjectNode empty = out.putObject("input_schema");
      empty.put("type", "object");
      empty.putObject("properties");
    } else {
      out.set("input_schema", parameters);
    }
    if (tool.has("cache_control")) {
      out.set("cache_control", tool.get("cache_control"));
    }
    return out;
  }

  private static ObjectNode choice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isTextual()) {
      return switch (choice.textValue()) {
        case "auto" -> Json.object().put("type", "auto");
        case "required" -> Json.object().put("type", "any");
        case "none" -> Json.object().put("type", "none");
        default -> throw AnthropicRequestMapper.invalid("Unknown tool_choice '" + choice.textValue() + "'.",
            "tool_choice");
      };
    }
    String name = choice.path("function").path("name").asText("");
    if (name.isEmpty()) {
      throw AnthropicRequestMapper.invalid("A named tool_choice needs function.name.", "tool_choice");
    }
    return Json.object().put("type", "tool").put("name", name);
  }

  private static ObjectNode jsonTool(JsonNode format) {
    if (format == null || format.isNull()) {
      return null;
    }
    String type = format.path("type").asText("text");
    if (type.equals("text")) {
      return null;
    }
    ObjectNode tool = Json.object().put("name", JSON_TOOL);
    if (type.equals("json_object")) {
      tool.put("description", "Give your whole answer as the input of this tool, as one JSON object.");
      ObjectNode schema = tool.putObject("input_schema");
      schema.put("type", "object");
      schema.put("additionalProperties", true);
      return tool;
    }
    if (type.equals("json_schema")) {
      JsonNode spec = format.path("json_schema");
      String description = spec.path("description").asText("");
      tool.put("description", "Give your whole answer as the input of this tool, matching the schema '"
          + spec.path("name").asText("response") + "'." + (description.isEmpty() ? "" : " " + description));
      JsonNode schema = spec.get("schema");
      if (schema == null || !schema.isObject()) {
        throw AnthropicRequestMapper.invalid("response_format.json_schema.schema must be an object.",
            "response_format.json_schema.schema");
      }
      if (!schema.path("type").asText("object").equals("object")) {
        throw AnthropicRequestMapper.invalid("Anthropic models take only object schemas in JSON mode.",
            "response_format.json_schema.schema");
      }
      tool.set("input_schema", schema);
      return tool;
    }
    throw AnthropicRequestMapper.invalid("Unknown response_format type '" + type + "'.", "response_format.type");
  }
}
