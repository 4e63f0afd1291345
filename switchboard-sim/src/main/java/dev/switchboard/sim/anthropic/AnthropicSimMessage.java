package dev.switchboard.sim.anthropic;

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
import java.util.Set;

/** A simulated Anthropic Message, as a document or as the named stream events. */
final class AnthropicSimMessage {
  private final String id;
  private final String model;
  private final List<String> tokens;
  private final String stopReason;
  private final String stopSequence;
  private final List<SimToolCall> toolCalls;
  private final long inputTokens;
  private final long cacheReadTokens;
  private final long cacheCreationTokens;

  private AnthropicSimMessage(String id, String model, List<String> tokens, String stopReason, String stopSequence,
      List<SimToolCall> toolCalls, long[] input) {
    this.id = id;
    this.model = model;
    this.tokens = tokens;
    this.stopReason = stopReason;
    this.stopSequence = stopSequence;
    this.toolCalls = toolCalls;
    this.inputTokens = input[0];
    this.cacheReadTokens = input[1];
    this.cacheCreationTokens = input[2];
  }

  static AnthropicSimMessage of(ObjectNode request, long seed, Set<String> cachedPrefixes) {
    String model = request.get("model").asText();
    SimPrompt.Builder prompt = SimPrompt.builder();
    long prefixTokens = 0;
    String prefix = null;
    boolean markedTools = false;
    for (JsonNode tool : request.path("tools")) {
      markedTools |= tool.has("cache_control");
    }
    JsonNode system = request.get("system");
    if (system != null && !system.isNull()) {
      prompt.add("system", text(system));
    }
    if (markedTools || hasCacheControl(system)) {
      SimPrompt sofar = prompt.build();
      prefixTokens = sofar.tokens();
      prefix = sofar.whole();
    }
    boolean lastIsToolResult = false;
    for (JsonNode message : request.get("messages")) {
      String role = message.path("role").asText();
      prompt.add(role, text(message.get("content")));
      lastIsToolResult = role.equals("user") && hasToolResult(message.get("content"));
      if (hasCacheControl(message.get("content"))) {
        SimPrompt sofar = prompt.build();
        prefixTokens = sofar.tokens();
        prefix = sofar.whole();
      }
    }
    SimPrompt built = prompt.build();
    long[] input = {built.tokens(), 0, 0};
    if (prefix != null) {
      boolean fresh = cachedPrefixes.add(model + '\u0000' + prefix);
      input[0] -= prefixTokens;
      input[fresh ? 2 : 1] = prefixTokens;
    }
    int maxTokens = request.path("max_tokens").asInt();
    SimAnswer answer = SimAnswer.generate(model, built.lastUser(), built.whole(), built.tokens(), seed, maxTokens);
    List<SimToolCall> calls = toolCalls(request, built, lastIsToolResult);
    String id = "msg_sim" + Integer.toHexString(built.whole().hashCode() & 0x7fffffff);
    if (!calls.isEmpty()) {
      return new AnthropicSimMessage(id, model, List.of(), "tool_use", null, calls, input);
    }
    List<String> pieces = new ArrayList<>(answer.tokens());
    String matched = cutAtStopSequence(pieces, request.path("stop_sequences"));
    String stop = matched != null ? "stop_sequence" : answer.finishReason().equals("length") ? "max_tokens"
        : "end_turn";
    return new AnthropicSimMessage(id, model, pieces, stop, matched, calls, input);
  }

  private static List<SimToolCall> toolCalls(ObjectNode request, SimPrompt built, boolean lastIsToolResult) {
    List<SimToolCall.ToolDefinition> tools = new ArrayList<>();
    for (JsonNode tool : request.path("tools")) {
      if (tool.has("input_schema")) {
        tools.add(new SimToolCall.ToolDefinition(tool.path("name").asText(), tool.path("input_schema")));
      }
    }
    JsonNode choice = request.path("tool_choice");
    String type = choice.path("type").asText("auto");
    String mapped = switch (type) {
      case "any" -> "required";
      case "none" -> "none";
      case "tool" -> "named";
      default -> "auto";
    };
    String named = type.equals("tool") ? choice.path("name").asText(null) : null;
    boolean parallel = !choice.path("disable_parallel_tool_use").asBoolean(false);
    List<SimToolCall> calls = SimToolCall.decide(tools, mapped, named, parallel, lastIsToolResult, built.lastUser(),
        built.whole());
    List<SimToolCall> renamed = new ArrayList<>(calls.size());
    for (SimToolCall call : calls) {
      renamed.add(new SimToolCall("toolu_" + call.id().substring(call.id().indexOf('_') + 1), call.name(),
          call.argumentsJson()));
    }
    return renamed;
  }

  /** Cuts the answer before the first stop sequence it contains; returns the sequence, or null. */
  private static String cutAtStopSequence(List<String> pieces, JsonNode sequences) {
    if (!sequences.isArray() || sequences.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      int before = text.length();
      text.append(pieces.get(i));
      for (JsonNode sequence : sequences) {
        String s = sequence.asText();
        int at = s.isEmpty() ? -1 : text.indexOf(s);
        if (at >= 0) {
          String kept = text.substring(before, Math.max(before, at));
          pieces.subList(i, pieces.size()).clear();
          if (!kept.isEmpty()) {
            pieces.add(kept);
          }
          return s;
        }
      }
    }
    return null;
  }

  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode block : content) {
      String type = block.path("type").asText();
      if (type.equals("text")) {
        out.append(block.path("text").asText()).append(' ');
      } else if (type.equals("tool_result")) {
        out.append(text(block.get("content"))).append(' ');
      }
    }
    return out.toString().trim();
  }

  private static boolean hasCacheControl(JsonNode content) {
    if (content == null || !content.isArray()) {
      return false;
    }
    for (JsonNode block : content) {
      if (block.has("cache_control")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasToolResult(JsonNode content) {
    if (content == null || !content.isArray()) {
      return false;
    }
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("tool_result")) {
        return true;
      }
    }
    return false;
  }

  long outputTokens() {
    if (toolCalls.isEmpty()) {
      return tokens.size();
    }
    long count = 0;
    for (SimToolCall call : toolCalls) {
      count += 3 + SimAnswer.countTokens(call.argumentsJson().replace(',', ' ').replace(':', ' '));
    }
    return count;
  }

  ObjectNode document() {
    ObjectNode doc = skeleton();
    ArrayNode content = doc.putArray("content");
    if (toolCalls.isEmpty()) {
      content.addObject().put("type", "text").put("text", String.join("", tokens));
    }
    for (SimToolCall call : toolCalls) {
      ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name());
      block.set("input", Json.parseTrusted(call.argumentsJson()));
    }
    doc.put("stop_reason", stopReason);
    if (stopSequence == null) {
      doc.putNull("stop_sequence");
    } else {
      doc.put("stop_sequence", stopSequence);
    }
    doc.set("usage", usage(outputTokens()));
    return doc;
  }

  /** Stream frames and the tokens each carries (for pacing). */
  record Frames(List<Buffer> frames, List<Integer> tokens) {}

  Frames streamFrames() {
    Frames out = new Frames(new ArrayList<>(), new ArrayList<>());
    ObjectNode start = Json.object().put("type", "message_start");
    ObjectNode message = skeleton();
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", usage(1));
    start.set("message", message);
    add(out, "message_start", start, 0);
    add(out, "ping", Json.object().put("type", "ping"), 0);
    if (toolCalls.isEmpty()) {
      ObjectNode block = Json.object().put("type", "text").put("text", "");
      add(out, "content_block_start", blockStart(0, block), 0);
      for (String token : tokens) {
        ObjectNode delta = Json.object().put("type", "text_delta").put("text", token);
        add(out, "content_block_delta", blockDelta(0, delta), 1);
      }
      add(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0), 0);
    }
    for (int i = 0; i < toolCalls.size(); i++) {
      addToolFrames(out, i, toolCalls.get(i));
    }
    ObjectNode messageDelta = Json.object().put("type", "message_delta");
    ObjectNode delta = messageDelta.putObject("delta").put("stop_reason", stopReason);
    if (stopSequence == null) {
      delta.putNull("stop_sequence");
    } else {
      delta.put("stop_sequence", stopSequence);
    }
    messageDelta.putObject("usage").put("output_tokens", outputTokens());
    add(out, "message_delta", messageDelta, 0);
    add(out, "message_stop", Json.object().put("type", "message_stop"), 0);
    return out;
  }

  private static void addToolFrames(Frames out, int index, SimToolCall call) {
    ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
    block.putObject("input");
    add(out, "content_block_start", blockStart(index, block), 1);
    add(out, "content_block_delta", blockDelta(index, Json.object().put("type", "input_json_delta")
        .put("partial_json", "")), 0);
    String arguments = call.argumentsJson();
    int step = Math.max(1, (arguments.length() + 2) / 3);
    for (int at = 0; at < arguments.length(); at += step) {
      ObjectNode delta = Json.object().put("type", "input_json_delta")
          .put("partial_json", arguments.substring(at, Math.min(arguments.length(), at + step)));
      add(out, "content_block_delta", blockDelta(index, delta), 1);
    }
    add(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", index), 0);
  }

  private static ObjectNode blockStart(int index, ObjectNode block) {
    ObjectNode event = Json.object().put("type", "content_block_start").put("index", index);
    event.set("content_block", block);
    return event;
  }

  private static ObjectNode blockDelta(int index, ObjectNode delta) {
    ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
    event.set("delta", delta);
    return event;
  }

  private static void add(Frames out, String event, ObjectNode data, int tokenCount) {
    out.frames().add(Buffer.buffer("event: " + event + "\ndata: ").appendBytes(Json.write(data))
        .appendString("\n\n"));
    out.tokens().add(tokenCount);
  }

  private ObjectNode skeleton() {
    ObjectNode doc = Json.object();
    doc.put("id", id);
    doc.put("type", "message");
    doc.put("role", "assistant");
    doc.put("model", model);
    return doc;
  }

  private ObjectNode usage(long output) {
    ObjectNode usage = Json.object();
    usage.put("input_tokens", inputTokens);
    usage.put("cache_creation_input_tokens", cacheCreationTokens);
    usage.put("cache_read_input_tokens", cacheReadTokens);
    usage.put("output_tokens", output);
    return usage;
  }
}
