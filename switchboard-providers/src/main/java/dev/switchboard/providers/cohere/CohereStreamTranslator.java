package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;

/**
 * Cohere v2 chat stream events → OpenAI chunks. {@code message-start} gives the role chunk;
 * {@code content-delta} and {@code tool-plan-delta} give content; {@code tool-call-start} opens tool call n
 * (id, name) and {@code tool-call-delta} appends to its arguments; {@code message-end} gives the finish chunk
 * and the usage chunk. Citations and debug events are skipped. One instance per stream; pure.
 */
public final class CohereStreamTranslator implements StreamTranslator {
  private final String providerName;
  private final TranslationContext context;
  private String id;
  private int toolCalls;
  private int currentTool = -1;
  private boolean started;
  private boolean finished;

  public CohereStreamTranslator(String providerName, TranslationContext context) {
    this.providerName = providerName;
    this.context = context;
  }

  @Override
  public void onEvent(SseEvent event, ChunkEmitter out) {
    if (event.hasNoData() || event.isDone()) {
      return;
    }
    JsonNode data;
    try {
      data = Json.parse(event.dataBytes());
    } catch (Exception e) {
      throw protocol("sent a malformed stream event.");
    }
    String type = data.path("type").asText(event.event() == null ? "" : event.event());
    JsonNode message = data.path("delta").path("message");
    switch (type) {
      case "message-start" -> {
        id = "chatcmpl-" + data.path("id").asText(context.requestId());
        start(out);
      }
      case "content-delta", "content-start" -> text(message.path("content").path("text").asText(""), out);
      case "tool-plan-delta" -> text(message.path("tool_plan").asText(""), out);
      case "tool-call-start" -> toolCallStart(toolCall(message), out);
      case "tool-call-delta" -> toolCallDelta(toolCall(message), out);
      case "tool-call-end" -> currentTool = -1;
      case "message-end" -> end(data.path("delta"), out);
      default -> {
        // content-end, citation-start, citation-end, debug: nothing to forward
      }
    }
  }

  /** Cohere sends the tool call as an object; accept a one-element array as well. */
  private static JsonNode toolCall(JsonNode message) {
    JsonNode calls = message.path("tool_calls");
    return calls.isArray() ? calls.path(0) : calls;
  }

  private void start(ChunkEmitter out) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode chunk = chunk();
    delta(chunk).put("role", "assistant").put("content", "");
    out.emit(chunk);
  }

  private void text(String text, ChunkEmitter out) {
    if (text.isEmpty()) {
      return;
    }
    start(out);
    ObjectNode chunk = chunk();
    delta(chunk).put("content", text);
    out.emit(chunk);
  }

  private void toolCallStart(JsonNode call, ChunkEmitter out) {
    start(out);
    currentTool = toolCalls++;
    ObjectNode chunk = chunk();
    ObjectNode delta = delta(chunk).putArray("tool_calls").addObject();
    delta.put("index", currentTool);
    delta.put("id", call.path("id").asText());
    delta.put("type", "function");
    delta.putObject("function").put("name", call.path("function").path("name").asText())
        .put("arguments", call.path("function").path("arguments").asText(""));
    out.emit(chunk);
  }

  private void toolCallDelta(JsonNode call, ChunkEmitter out) {
    if (currentTool < 0) {
      throw protocol("sent a tool-call delta outside a tool call.");
    }
    String arguments = call.path("function").path("arguments").asText("");
    if (arguments.isEmpty()) {
      return;
    }
    ObjectNode chunk = chunk();
    ObjectNode delta = delta(chunk).putArray("tool_calls").addObject();
    delta.put("index", currentTool);
    delta.putObject("function").put("arguments", arguments);
    out.emit(chunk);
  }

  private void end(JsonNode delta, ChunkEmitter out) {
    String reason = delta.path("finish_reason").asText("");
    if (delta.hasNonNull("error") || reason.equals("ERROR") || reason.equals("TIMEOUT")) {
      throw new UpstreamException(FailureKind.SERVER_ERROR, 200, "The provider '" + providerName
          + "' stopped the stream with finish reason " + (reason.isEmpty() ? "ERROR" : reason) + ".");
    }
    start(out);
    finished = true;
    ObjectNode chunk = chunk();
    ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason",
        toolCalls > 0 && reason.isEmpty() ? "tool_calls" : CohereResponses.finishReason(reason));
    out.emit(chunk);
    JsonNode usage = delta.get("usage");
    if (usage != null && usage.isObject()) {
      ObjectNode usageChunk = header();
      usageChunk.putArray("choices");
      usageChunk.set("usage", CohereResponses.usage(usage));
      out.emit(usageChunk);
    }
  }

  @Override
  public void onEnd(ChunkEmitter out) {
    if (!finished) {
      throw protocol("ended the stream without a message-end event.");
    }
  }

  private ObjectNode chunk() {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return chunk;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }

  private ObjectNode header() {
    ObjectNode chunk = Json.object();
    chunk.put("id", id == null ? "chatcmpl-" + context.requestId() : id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", context.createdEpochSeconds());
    chunk.put("model", context.upstreamModel());
    return chunk;
  }

  private UpstreamException protocol(String what) {
    return new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName + "' " + what);
  }
}
