package dev.switchboard.sim.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimAnswer;
import dev.switchboard.sim.SimPrompt;
import dev.switchboard.sim.SimToolCall;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** A simulated Cohere v2 chat response, whole or as its typed stream events. */
final class CohereSimCompletion {
  private final String id;
  private final SimAnswer answer;
  private final List<SimToolCall> toolCalls;

  private CohereSimCompletion(String id, SimAnswer answer, List<SimToolCall> toolCalls) {
    this.id = id;
    this.answer = answer;
    this.toolCalls = toolCalls;
  }

  static CohereSimCompletion of(ObjectNode request, long seed) {
    SimPrompt.Builder prompt = SimPrompt.builder();
    boolean lastIsTool = false;
    for (JsonNode message : request.path("messages")) {
      String role = message.path("role").asText("user");
      prompt.add(role, text(message.get("content")));
      lastIsTool = role.equals("tool");
    }
    SimPrompt built = prompt.build();
    String model = request.path("model").asText();
    SimAnswer answer = SimAnswer.generate(model, built.lastUser(), built.whole(), built.tokens(), seed,
        request.path("max_tokens").asInt(0));
    List<SimToolCall.ToolDefinition> tools = new ArrayList<>();
    for (JsonNode tool : request.path("tools")) {
      tools.add(new SimToolCall.ToolDefinition(tool.path("function").path("name").asText(),
          tool.path("function").path("parameters")));
    }
    String choice = switch (request.path("tool_choice").asText("")) {
      case "REQUIRED" -> "required";
      case "NONE" -> "none";
      default -> "auto";
    };
    List<SimToolCall> calls = SimToolCall.decide(tools, choice, null, true, lastIsTool, built.lastUser(),
        built.whole());
    String id = "sim-" + Integer.toHexString(built.whole().hashCode() & 0x7fffffff);
    return new CohereSimCompletion(id, answer, calls);
  }

  private static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      out.append(part.path("text").asText()).append(' ');
    }
    return out.toString().trim();
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

  private String finishReason() {
    if (!toolCalls.isEmpty()) {
      return "TOOL_CALL";
    }
    return "length".equals(answer.finishReason()) ? "MAX_TOKENS" : "COMPLETE";
  }

  ObjectNode document() {
    ObjectNode doc = Json.object();
    doc.put("id", id);
    doc.put("finish_reason", finishReason());
    ObjectNode message = doc.putObject("message");
    message.put("role", "assistant");
    if (toolCalls.isEmpty()) {
      message.putArray("content").addObject().put("type", "text").put("text", answer.text());
    } else {
      message.put("tool_plan", "I will call " + toolCalls.get(0).name() + ".");
      ArrayNode calls = message.putArray("tool_calls");
      for (SimToolCall call : toolCalls) {
        ObjectNode c = calls.addObject();
        c.put("id", call.id());
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    doc.set("usage", usage());
    return doc;
  }

  private ObjectNode usage() {
    ObjectNode usage = Json.object();
    usage.putObject("billed_units").put("input_tokens", answer.promptTokens()).put("output_tokens", outputTokens());
    usage.putObject("tokens").put("input_tokens", answer.promptTokens()).put("output_tokens", outputTokens());
    return usage;
  }

  /** Stream events and the tokens each carries. */
  record Frames(List<Buffer> frames, List<Integer> tokens) {}

  Frames streamFrames() {
    List<Buffer> frames = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    ObjectNode start = event("message-start");
    start.put("id", id);
    start.putObject("delta").putObject("message").put("role", "assistant");
    add(frames, tokens, start, 0);
    if (toolCalls.isEmpty()) {
      ObjectNode contentStart = event("content-start").put("index", 0);
      contentStart.putObject("delta").putObject("message").putObject("content").put("type", "text").put("text", "");
      add(frames, tokens, contentStart, 0);
      for (String token : answer.tokens()) {
        ObjectNode delta = event("content-delta").put("index", 0);
        delta.putObject("delta").putObject("message").putObject("content").put("text", token);
        add(frames, tokens, delta, 1);
      }
      add(frames, tokens, event("content-end").put("index", 0), 0);
    } else {
      ObjectNode plan = event("tool-plan-delta");
      plan.putObject("delta").putObject("message").put("tool_plan", "I will call " + toolCalls.get(0).name() + ".");
      add(frames, tokens, plan, 1);
      for (int i = 0; i < toolCalls.size(); i++) {
        addToolCall(frames, tokens, toolCalls.get(i), i);
      }
    }
    ObjectNode end = event("message-end");
    ObjectNode endDelta = end.putObject("delta");
    endDelta.put("finish_reason", finishReason());
    endDelta.set("usage", usage());
    add(frames, tokens, end, 0);
    return new Frames(frames, tokens);
  }

  /** Emits a tool call as start, its arguments in three pieces, and end. */
  private static void addToolCall(List<Buffer> frames, List<Integer> tokens, SimToolCall call, int index) {
    ObjectNode start = event("tool-call-start").put("index", index);
    ObjectNode startCall = start.putObject("delta").putObject("message").putObject("tool_calls");
    startCall.put("id", call.id());
    startCall.put("type", "function");
    startCall.putObject("function").put("name", call.name()).put("arguments", "");
    add(frames, tokens, start, 1);
    String arguments = call.argumentsJson();
    int step = Math.max(1, (arguments.length() + 2) / 3);
    for (int at = 0; at < arguments.length(); at += step) {
      ObjectNode delta = event("tool-call-delta").put("index", index);
      delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
          .put("arguments", arguments.substring(at, Math.min(arguments.length(), at + step)));
      add(frames, tokens, delta, 1);
    }
    add(frames, tokens, event("tool-call-end").put("index", index), 0);
  }

  private static ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private static void add(List<Buffer> frames, List<Integer> tokens, ObjectNode event, int tokenCount) {
    frames.add(Buffer.buffer("event: " + event.get("type").asText() + "\ndata: ").appendBytes(Json.write(event))
        .appendString("\n\n"));
    tokens.add(tokenCount);
  }
}
