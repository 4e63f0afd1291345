package dev.switchboard.sim.openai;

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

/** A simulated chat completion in OpenAI's format, as a document or as stream frames. */
public final class OpenAiSimCompletion {
  private final String id;
  private final String model;
  private final long created;
  private final SimAnswer answer;
  private final List<SimToolCall> toolCalls;

  private OpenAiSimCompletion(String id, String model, long created, SimAnswer answer, List<SimToolCall> calls) {
    this.id = id;
    this.model = model;
    this.created = created;
    this.answer = answer;
    this.toolCalls = calls;
  }

  public static OpenAiSimCompletion of(ObjectNode request, long seed) {
    SimPrompt.Builder prompt = SimPrompt.builder();
    boolean lastIsTool = false;
    for (JsonNode message : request.get("messages")) {
      String role = message.path("role").asText("user");
      prompt.add(role, text(message.get("content")));
      lastIsTool = role.equals("tool");
    }
    SimPrompt built = prompt.build();
    String model = request.get("model").asText();
    int maxTokens = request.path("max_completion_tokens").asInt(request.path("max_tokens").asInt(0));
    SimAnswer answer = SimAnswer.generate(model, built.lastUser(), built.whole(), built.tokens(), seed, maxTokens);
    List<SimToolCall.ToolDefinition> tools = new ArrayList<>();
    for (JsonNode tool : request.path("tools")) {
      JsonNode function = tool.path("function");
      tools.add(new SimToolCall.ToolDefinition(function.path("name").asText(), function.path("parameters")));
    }
    JsonNode choice = request.path("tool_choice");
    String choiceName = choice.isTextual() ? choice.textValue() : choice.isObject() ? "named" : "auto";
    String named = choice.isObject() ? choice.path("function").path("name").asText(null) : null;
    boolean parallel = request.path("parallel_tool_calls").asBoolean(true);
    List<SimToolCall> calls = SimToolCall.decide(tools, choiceName, named, parallel, lastIsTool, built.lastUser(),
        built.whole());
    String id = "chatcmpl-sim" + Integer.toHexString(built.whole().hashCode() & 0x7fffffff);
    return new OpenAiSimCompletion(id, model, 1_764_000_000L, answer, calls);
  }

  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("type").asText().equals("text")) {
        out.append(part.path("text").asText()).append(' ');
      }
    }
    return out.toString().trim();
  }

  public long outputTokens() {
    return toolCalls.isEmpty() ? answer.completionTokens() : toolTokens();
  }

  private long toolTokens() {
    long tokens = 0;
    for (SimToolCall call : toolCalls) {
      tokens += 3 + SimAnswer.countTokens(call.argumentsJson().replace(',', ' ').replace(':', ' '));
    }
    return tokens;
  }

  private String finishReason() {
    return toolCalls.isEmpty() ? answer.finishReason() : "tool_calls";
  }

  public ObjectNode document() {
    ObjectNode doc = header("chat.completion");
    ObjectNode choice = doc.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (toolCalls.isEmpty()) {
      message.put("content", answer.text());
    } else {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (SimToolCall call : toolCalls) {
        ObjectNode c = calls.addObject();
        c.put("id", call.id());
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason());
    doc.set("usage", usage());
    return doc;
  }

  /** Stream frames and the tokens each carries (for pacing). */
  public record Frames(List<Buffer> frames, List<Integer> tokens) {}

  public Frames streamFrames(boolean includeUsage) {
    List<Buffer> frames = new ArrayList<>();
    List<Integer> tokens = new ArrayList<>();
    ObjectNode first = chunk(includeUsage);
    ObjectNode delta = ((ObjectNode) first.get("choices").get(0)).putObject("delta");
    delta.put("role", "assistant");
    if (toolCalls.isEmpty()) {
      delta.put("content", "");
      add(frames, tokens, first, 0);
      for (String token : answer.tokens()) {
        ObjectNode piece = chunk(includeUsage);
        ((ObjectNode) piece.get("choices").get(0)).putObject("delta").put("content", token);
        add(frames, tokens, piece, 1);
      }
    } else {
      delta.putNull("content");
      add(frames, tokens, first, 0);
      addToolCallFrames(frames, tokens, includeUsage);
    }
    ObjectNode last = chunk(includeUsage);
    ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
    lastChoice.putObject("delta");
    lastChoice.put("finish_reason", finishReason());
    add(frames, tokens, last, 0);
    if (includeUsage) {
      ObjectNode usageChunk = header("chat.completion.chunk");
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage());
      add(frames, tokens, usageChunk, 0);
    }
    frames.add(Buffer.buffer("data: [DONE]\n\n"));
    tokens.add(0);
    return new Frames(frames, tokens);
  }

  private void addToolCallFrames(List<Buffer> frames, List<Integer> tokens, boolean includeUsage) {
    for (int i = 0; i < toolCalls.size(); i++) {
      SimToolCall call = toolCalls.get(i);
      ObjectNode start = chunk(includeUsage);
      ObjectNode startCall = ((ObjectNode) start.get("choices").get(0)).putObject("delta").putArray("tool_calls")
          .addObject();
      startCall.put("index", i);
      startCall.put("id", call.id());
      startCall.put("type", "function");
      startCall.putObject("function").put("name", call.name()).put("arguments", "");
      add(frames, tokens, start, 1);
      String arguments = call.argumentsJson();
      int step = Math.max(1, (arguments.length() + 2) / 3);
      for (int at = 0; at < arguments.length(); at += step) {
        ObjectNode piece = chunk(includeUsage);
        ObjectNode pieceCall = ((ObjectNode) piece.get("choices").get(0)).putObject("delta")
            .putArray("tool_calls").addObject();
        pieceCall.put("index", i);
        pieceCall.putObject("function").put("arguments",
            arguments.substring(at, Math.min(arguments.length(), at + step)));
        add(frames, tokens, piece, 1);
      }
    }
  }

  private static void add(List<Buffer> frames, List<Integer> tokens, ObjectNode chunk, int tokenCount) {
    frames.add(Buffer.buffer("data: ").appendBytes(Json.write(chunk)).appendString("\n\n"));
    tokens.add(tokenCount);
  }

  private ObjectNode chunk(boolean includeUsage) {
    ObjectNode chunk = header("chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private ObjectNode header(String object) {
    ObjectNode doc = Json.object();
    doc.put("id", id);
    doc.put("object", object);
    doc.put("created", created);
    doc.put("model", model);
    doc.put("system_fingerprint", "fp_switchboard_sim");
    return doc;
  }

  private ObjectNode usage() {
    ObjectNode usage = Json.object();
    long completion = outputTokens();
    usage.put("prompt_tokens", answer.promptTokens());
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", answer.promptTokens() + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }
}
