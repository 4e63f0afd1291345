package dev.switchboard.sim.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.SimAnswer;
import dev.switchboard.sim.SimPrompt;
import dev.switchboard.sim.SimToolCall;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulated Gemini {@code GenerateContentResponse}, whole or as {@code alt=sse} events. A last user turn
 * containing {@value #BLOCKED_MARKER} is blocked by the simulated safety filter (prompt feedback
 * {@code SAFETY}, no candidates).
 */
final class GeminiSimCompletion {
  static final String BLOCKED_MARKER = "[[blocked]]";

  private final String model;
  private final SimAnswer answer;
  private final List<SimToolCall> toolCalls;
  private final boolean blocked;
  private final String responseId;

  private GeminiSimCompletion(String model, SimAnswer answer, List<SimToolCall> calls, boolean blocked,
      String responseId) {
    this.model = model;
    this.answer = answer;
    this.toolCalls = calls;
    this.blocked = blocked;
    this.responseId = responseId;
  }

  static GeminiSimCompletion of(String model, ObjectNode request, long seed) {
    SimPrompt.Builder prompt = SimPrompt.builder();
    for (JsonNode part : request.path("systemInstruction").path("parts")) {
      prompt.add("system", part.path("text").asText(""));
    }
    boolean lastIsTool = false;
    for (JsonNode content : request.path("contents")) {
      String role = "model".equals(content.path("role").asText()) ? "assistant" : "user";
      StringBuilder text = new StringBuilder();
      lastIsTool = false;
      for (JsonNode part : content.path("parts")) {
        if (part.has("text")) {
          text.append(part.get("text").asText()).append(' ');
          lastIsTool = false;
        } else if (part.has("functionResponse")) {
          text.append(part.get("functionResponse").path("response").toString()).append(' ');
          lastIsTool = true;
        } else if (part.has("functionCall")) {
          text.append(part.get("functionCall").toString()).append(' ');
        }
      }
      prompt.add(role, text.toString().trim());
    }
    SimPrompt built = prompt.build();
    JsonNode generation = request.path("generationConfig");
    SimAnswer answer = SimAnswer.generate(model, built.lastUser(), built.whole(), built.tokens(), seed,
        generation.path("maxOutputTokens").asInt(0));
    List<SimToolCall> calls = decideTools(request, lastIsTool, built);
    boolean blocked = built.lastUser().contains(BLOCKED_MARKER);
    String id = "sim-" + Integer.toHexString(built.whole().hashCode() & 0x7fffffff);
    return new GeminiSimCompletion(model, answer, blocked ? List.of() : calls, blocked, id);
  }

  private static List<SimToolCall> decideTools(ObjectNode request, boolean lastIsTool, SimPrompt prompt) {
    List<SimToolCall.ToolDefinition> tools = new ArrayList<>();
    for (JsonNode tool : request.path("tools")) {
      for (JsonNode declaration : tool.path("functionDeclarations")) {
        tools.add(new SimToolCall.ToolDefinition(declaration.path("name").asText(),
            lowerCaseTypes(declaration.path("parameters"))));
      }
    }
    JsonNode config = request.path("toolConfig").path("functionCallingConfig");
    String mode = config.path("mode").asText("AUTO");
    JsonNode allowed = config.path("allowedFunctionNames");
    String named = allowed.isArray() && allowed.size() == 1 ? allowed.get(0).asText() : null;
    String choice = switch (mode) {
      case "NONE" -> "none";
      case "ANY" -> "required";
      default -> "auto";
    };
    return SimToolCall.decide(tools, choice, named, true, lastIsTool, prompt.lastUser(), prompt.whole());
  }

  /** Gemini schemas use upper-case types; the simulated tool caller reads JSON Schema's lower-case ones. */
  private static JsonNode lowerCaseTypes(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode copy = ((ObjectNode) schema).deepCopy();
    Iterator<Map.Entry<String, JsonNode>> properties = copy.path("properties").fields();
    while (properties.hasNext()) {
      JsonNode property = properties.next().getValue();
      if (property.isObject() && property.path("type").isTextual()) {
        ((ObjectNode) property).put("type", property.get("type").asText().toLowerCase(Locale.ROOT));
      }
    }
    return copy;
  }

  long outputTokens() {
    if (blocked) {
      return 0;
    }
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
    return "length".equals(answer.finishReason()) && toolCalls.isEmpty() ? "MAX_TOKENS" : "STOP";
  }

  ObjectNode document() {
    ObjectNode doc = Json.object();
    if (blocked) {
      doc.putObject("promptFeedback").put("blockReason", "SAFETY");
    } else {
      ObjectNode candidate = doc.putArray("candidates").addObject();
      ObjectNode content = candidate.putObject("content");
      ArrayNode parts = content.putArray("parts");
      if (toolCalls.isEmpty()) {
        parts.addObject().put("text", answer.text());
      } else {
        for (SimToolCall call : toolCalls) {
          functionCall(parts.addObject(), call);
        }
      }
      content.put("role", "model");
      candidate.put("finishReason", finishReason());
      candidate.put("index", 0);
    }
    doc.set("usageMetadata", usage(outputTokens()));
    doc.put("modelVersion", model);
    doc.put("responseId", responseId);
    return doc;
  }

  private static void functionCall(ObjectNode part, SimToolCall call) {
    ObjectNode functionCall = part.putObject("functionCall");
    functionCall.put("name", call.name());
    functionCall.set("args", Json.parseTrusted(call.argumentsJson()));
  }

  /** SSE events and the tokens each carries. */
  record Frames(List<Buffer> frames, List<Integer> tokens) {}

  Frames streamFrames() {
    List<Buffer> frames = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    if (blocked || !toolCalls.isEmpty()) {
      add(frames, tokens, document(), (int) outputTokens());
      return new Frames(frames, tokens);
    }
    List<String> pieces = answer.tokens();
    for (int i = 0; i < pieces.size(); i++) {
      ObjectNode event = Json.object();
      ObjectNode candidate = event.putArray("candidates").addObject();
      ObjectNode content = candidate.putObject("content");
      content.putArray("parts").addObject().put("text", pieces.get(i));
      content.put("role", "model");
      boolean last = i == pieces.size() - 1;
      if (last) {
        candidate.put("finishReason", finishReason());
      }
      candidate.put("index", 0);
      event.set("usageMetadata", last ? usage(outputTokens()) : usage(-1));
      event.put("modelVersion", model);
      event.put("responseId", responseId);
      add(frames, tokens, event, 1);
    }
    return new Frames(frames, tokens);
  }

  private static void add(List<Buffer> frames, List<Integer> tokens, ObjectNode event, int tokenCount) {
    frames.add(Buffer.buffer("data: ").appendBytes(Json.write(event)).appendString("\r\n\r\n"));
    tokens.add(tokenCount);
  }

  /** Usage; {@code candidates < 0} gives the prompt-only form Gemini sends on early stream events. */
  private ObjectNode usage(long candidates) {
    ObjectNode usage = Json.object();
    usage.put("promptTokenCount", answer.promptTokens());
    if (candidates >= 0) {
      usage.put("candidatesTokenCount", candidates);
    }
    usage.put("totalTokenCount", answer.promptTokens() + Math.max(0, candidates));
    return usage;
  }
}
