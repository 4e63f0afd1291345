package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic tool call: the tool's name, an id, and arguments built from the tool's JSON schema (every
 * required property gets a value derived from the last user turn).
 */
public record SimToolCall(String id, String name, String argumentsJson) {
  /**
   * Decides which tools a simulated model calls: none when the choice is "none" or the last message is a tool
   * result; the named tool; otherwise the first tool, or the first two when parallel calls are allowed.
   *
   * @param tools tool definitions as {name, parameters schema}
   */
  public static List<SimToolCall> decide(List<ToolDefinition> tools, String choice, String namedTool,
      boolean parallelAllowed, boolean lastIsToolResult, String lastUser, String idSeed) {
    List<SimToolCall> calls = new ArrayList<>();
    if (tools.isEmpty() || "none".equals(choice) || (lastIsToolResult && !"required".equals(choice))) {
      return calls;
    }
    if (namedTool != null) {
      for (ToolDefinition tool : tools) {
        if (tool.name().equals(namedTool)) {
          calls.add(call(tool, lastUser, idSeed, 0));
        }
      }
      return calls;
    }
    int count = parallelAllowed && tools.size() >= 2 ? 2 : 1;
    for (int i = 0; i < count; i++) {
      calls.add(call(tools.get(i), lastUser, idSeed, i));
    }
    return calls;
  }

  private static SimToolCall call(ToolDefinition tool, String lastUser, String idSeed, int index) {
    ObjectNode arguments = Json.object();
    JsonNode properties = tool.parameters().path("properties");
    JsonNode required = tool.parameters().path("required");
    List<String> names = new ArrayList<>();
    if (required.isArray() && required.size() > 0) {
      required.forEach(n -> names.add(n.asText()));
    } else {
      properties.fieldNames().forEachRemaining(names::add);
    }
    String[] words = lastUser == null ? new String[0] : lastUser.trim().split("\\s+");
    for (int i = 0; i < names.size(); i++) {
      String type = properties.path(names.get(i)).path("type").asText("string");
      switch (type) {
        case "integer", "number" -> arguments.put(names.get(i), 42 + i);
        case "boolean" -> arguments.put(names.get(i), true);
        default -> arguments.put(names.get(i), words.length > 0 ? words[words.length - 1]
            .replaceAll("[^A-Za-z0-9 ]", "") : "value");
      }
    }
    String id = "call_" + Integer.toHexString((idSeed + tool.name() + index).hashCode() & 0x7fffffff);
    return new SimToolCall(id, tool.name(), Json.writeString(arguments));
  }

  /** A tool as the simulators need it. */
  public record ToolDefinition(String name, JsonNode parameters) {}
}
