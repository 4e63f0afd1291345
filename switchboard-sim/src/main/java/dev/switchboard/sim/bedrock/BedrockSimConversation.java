package dev.switchboard.sim.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.providers.bedrock.EventStreamCodec;
import dev.switchboard.providers.bedrock.EventStreamMessage;
import dev.switchboard.sim.SimAnswer;
import dev.switchboard.sim.SimPrompt;
import dev.switchboard.sim.SimToolCall;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** A simulated Converse answer, as a response document or as event-stream frames. */
final class BedrockSimConversation {
  private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final SimAnswer answer;
  private final List<SimToolCall> toolCalls;

  private BedrockSimConversation(SimAnswer answer, List<SimToolCall> toolCalls) {
    this.answer = answer;
    this.toolCalls = toolCalls;
  }

  static BedrockSimConversation of(String modelId, ObjectNode request, long seed) {
    SimPrompt.Builder prompt = SimPrompt.builder();
    for (JsonNode block : request.path("system")) {
      prompt.add("system", block.path("text").asText(""));
    }
    boolean lastIsToolResult = false;
    for (JsonNode message : request.get("messages")) {
      StringBuilder text = new StringBuilder();
      lastIsToolResult = false;
      for (JsonNode block : message.path("content")) {
        if (block.has("text")) {
          text.append(block.get("text").asText()).append(' ');
        } else if (block.has("toolResult")) {
          lastIsToolResult = true;
          for (JsonNode part : block.get("toolResult").path("content")) {
            text.append(part.path("text").asText("")).append(' ');
          }
        }
      }
      prompt.add(lastIsToolResult ? "tool" : message.path("role").asText("user"), text.toString().trim());
    }
    SimPrompt built = prompt.build();
    int maxTokens = request.path("inferenceConfig").path("maxTokens").asInt(0);
    SimAnswer answer = SimAnswer.generate(modelId, built.lastUser(), built.whole(), built.tokens(), seed,
        maxTokens);
    List<SimToolCall.ToolDefinition> tools = new ArrayList<>();
    for (JsonNode tool : request.path("toolConfig").path("tools")) {
      JsonNode spec = tool.path("toolSpec");
      tools.add(new SimToolCall.ToolDefinition(spec.path("name").asText(), spec.path("inputSchema").path("json")));
    }
    JsonNode choice = request.path("toolConfig").path("toolChoice");
    String choiceName = choice.has("any") ? "required" : choice.has("tool") ? "named" : "auto";
    String named = choice.has("tool") ? choice.get("tool").path("name").asText(null) : null;
    List<SimToolCall> calls = SimToolCall.decide(tools, choiceName, named, true, lastIsToolResult,
        built.lastUser(), built.whole());
    return new BedrockSimConversation(answer, calls);
  }

  long outputTokens() {
    if (toolCalls.isEmpty()) {
      return answer.completionTokens();
    }
    long tokens = 0;
    for (SimToolCall call : toolCalls) {
      tokens += 3 + SimAnswer.countTokens(call.argumentsJson().replace(',', ' ').replace(':', ' '));
    }
    return tokens;
  }

  private String stopReason() {
    if (!toolCalls.isEmpty()) {
      return "tool_use";
    }
    return answer.finishReason().equals("length") ? "max_tokens" : "end_turn";
  }

  private static String toolUseId(SimToolCall call) {
    return "tooluse_" + call.id().substring(call.id().indexOf('_') + 1);
  }

  ObjectNode document(long latencyMs) {
    ObjectNode doc = Json.object();
    ObjectNode message = doc.putObject("output").putObject("message");
    message.put("role", "assistant");
    ArrayNode content = message.putArray("content");
    if (toolCalls.isEmpty()) {
      content.addObject().put("text", answer.text());
    }
    for (SimToolCall call : toolCalls) {
      ObjectNode use = content.addObject().putObject("toolUse");
      use.put("toolUseId", toolUseId(call));
      use.put("name", call.name());
      use.set("input", Json.parseTrusted(call.argumentsJson()));
    }
    doc.put("stopReason", stopReason());
    doc.set("usage", usage());
    doc.putObject("metrics").put("latencyMs", latencyMs);
    return doc;
  }

  private ObjectNode usage() {
    ObjectNode usage = Json.object();
    long output = outputTokens();
    usage.put("inputTokens", answer.promptTokens());
    usage.put("outputTokens", output);
    usage.put("totalTokens", answer.promptTokens() + output);
    return usage;
  }

  /** Event-stream frames and the tokens each carries (for pacing). */
  record Frames(List<Buffer> frames, List<Integer> tokens) {}

  Frames frames() {
    Frames out = new Frames(new ArrayList<>(), new ArrayList<>());
    add(out, "messageStart", Json.object().put("role", "assistant"), 0);
    if (toolCalls.isEmpty()) {
      for (String token : answer.tokens()) {
        ObjectNode delta = Json.object().put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", token);
        add(out, "contentBlockDelta", delta, 1);
      }
      add(out, "contentBlockStop", Json.object().put("contentBlockIndex", 0), 0);
    }
    for (int i = 0; i < toolCalls.size(); i++) {
      addToolFrames(out, i, toolCalls.get(i));
    }
    add(out, "messageStop", Json.object().put("stopReason", stopReason()), 0);
    ObjectNode metadata = Json.object();
    metadata.set("usage", usage());
    metadata.putObject("metrics").put("latencyMs", 0);
    add(out, "metadata", metadata, 0);
    return out;
  }

  private static void addToolFrames(Frames out, int index, SimToolCall call) {
    ObjectNode start = Json.object().put("contentBlockIndex", index);
    start.putObject("start").putObject("toolUse").put("toolUseId", toolUseId(call)).put("name", call.name());
    add(out, "contentBlockStart", start, 1);
    String input = call.argumentsJson();
    int step = Math.max(1, (input.length() + 2) / 3);
    for (int at = 0; at < input.length(); at += step) {
      ObjectNode delta = Json.object().put("contentBlockIndex", index);
      delta.putObject("delta").putObject("toolUse").put("input",
          input.substring(at, Math.min(input.length(), at + step)));
      add(out, "contentBlockDelta", delta, 1);
    }
    add(out, "contentBlockStop", Json.object().put("contentBlockIndex", index), 0);
  }

  /** Frames one event, padded with a "p" field of varying length as Bedrock does. */
  private static void add(Frames out, String eventType, ObjectNode payload, int tokens) {
    payload.put("p", PADDING.substring(0, 1 + (out.frames().size() * 7) % PADDING.length()));
    out.frames().add(Buffer.buffer(EventStreamCodec.encode(EventStreamMessage.of(Json.write(payload),
        ":event-type", eventType, ":content-type", "application/json", ":message-type", "event"))));
    out.tokens().add(tokens);
  }
}
