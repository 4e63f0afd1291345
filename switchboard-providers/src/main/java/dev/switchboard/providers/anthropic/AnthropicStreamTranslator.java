package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;

/**
 * Anthropic's named stream events → OpenAI chunks. {@code message_start} gives the role chunk; text deltas become
 * content deltas; a {@code tool_use} block becomes a tool call (id and name first, then each
 * {@code input_json_delta} as an arguments fragment) numbered in the order the blocks start; the reserved JSON-mode
 * tool streams as content; {@code message_delta} gives the finish reason; {@code message_stop} gives the final
 * usage chunk. Usage is cumulative in Anthropic streams: every field takes its last reported value, never a sum.
 */
public final class AnthropicStreamTranslator implements StreamTranslator {
  private static final int NONE = -1;
  private static final int JSON_CONTENT = -2;
  private static final int THINKING = -3;

  private final String providerName;
  private final long created;
  private String id = "";
  private String model = "";
  private long inputTokens;
  private long outputTokens;
  private long cacheReadTokens;
  private long cacheCreationTokens;
  private int[] blockToolIndex = new int[8];
  private int toolCount;
  private boolean jsonAnswer;
  private boolean started;
  private boolean finished;
  private boolean stopped;

  public AnthropicStreamTranslator(String providerName, long createdEpochSeconds) {
    this.providerName = providerName;
    this.created = createdEpochSeconds;
  }

  @Override
  public void onEvent(SseEvent event, ChunkEmitter out) {
    if (event.hasNoData()) {
      return;
    }
    JsonNode data = parse(event.dataBytes());
    switch (data.path("type").asText(event.event())) {
      case "message_start" -> start(data.path("message"), out);
      case "content_block_start" -> blockStart(data, out);
      case "content_block_delta" -> blockDelta(data, out);
      case "message_delta" -> messageDelta(data, out);
      case "message_stop" -> stop(out);
      case "error" -> throw AnthropicErrors.streamError(providerName, data.path("error"));
      default -> {
        // ping, content_block_stop and event types added later carry nothing for OpenAI clients
      }
    }
  }

  @Override
  public void onEnd(ChunkEmitter out) {
    if (!stopped) {
      if (!finished) {
        throw new UpstreamException(FailureKind.CONNECTION_RESET, 200, "The provider '" + providerName
            + "' ended the stream before the message was complete.");
      }
      stop(out);
    }
  }

  private JsonNode parse(byte[] data) {
    try {
      JsonNode node = Json.parse(data);
      if (node instanceof ObjectNode) {
        return node;
      }
    } catch (Exception malformed) {
      // reported below
    }
    throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
        + "' sent a malformed stream event.");
  }

  private void start(JsonNode message, ChunkEmitter out) {
    id = message.path("id").asText(id);
    model = message.path("model").asText(model);
    updateUsage(message.path("usage"));
    started = true;
    ObjectNode chunk = chunk();
    delta(chunk).put("role", "assistant").put("content", "");
    out.emit(chunk);
  }

  private void blockStart(JsonNode data, ChunkEmitter out) {
    int index = data.path("index").asInt(0);
    JsonNode block = data.path("content_block");
    String type = block.path("type").asText("");
    int mark = NONE;
    if (type.equals("tool_use") && block.path("name").asText().equals(AnthropicToolMapper.JSON_TOOL)) {
      mark = JSON_CONTENT;
      jsonAnswer = true;
    } else if (type.equals("tool_use")) {
      mark = toolCount++;
      ObjectNode chunk = chunk();
      ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
      call.put("index", mark);
      call.put("id", block.path("id").asText());
      call.put("type", "function");
      call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
      out.emit(chunk);
    } else if (type.equals("thinking")) {
      mark = THINKING;
    } else if (type.equals("text") && !block.path("text").asText("").isEmpty()) {
      emitContent("content", block.path("text").asText(), out);
    }
    remember(index, mark);
  }

  private void blockDelta(JsonNode data, ChunkEmitter out) {
    int index = data.path("index").asInt(0);
    JsonNode delta = data.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> emitContent("content", delta.path("text").asText(""), out);
      case "thinking_delta" -> emitContent("reasoning_content", delta.path("thinking").asText(""), out);
      case "input_json_delta" -> {
        String partial = delta.path("partial_json").asText("");
        int tool = index < blockToolIndex.length ? blockToolIndex[index] : NONE;
        if (partial.isEmpty() || tool == NONE || tool == THINKING) {
          return;
        }
        if (tool == JSON_CONTENT) {
          emitContent("content", partial, out);
          return;
        }
        ObjectNode chunk = chunk();
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
        call.put("index", tool);
        call.putObject("function").put("arguments", partial);
        out.emit(chunk);
      }
      default -> {
        // signature and citation deltas have no OpenAI counterpart
      }
    }
  }

  private void messageDelta(JsonNode data, ChunkEmitter out) {
    updateUsage(data.path("usage"));
    String stopReason = data.path("delta").path("stop_reason").asText(null);
    if (stopReason == null || finished) {
      return;
    }
    finished = true;
    String finish = jsonAnswer && toolCount == 0 && stopReason.equals("tool_use") ? "stop"
        : AnthropicResponseMapper.finishReason(stopReason);
    ObjectNode chunk = chunk();
    delta(chunk);
    ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason", finish);
    out.emit(chunk);
  }

  private void stop(ChunkEmitter out) {
    if (stopped || !started) {
      return;
    }
    stopped = true;
    ObjectNode chunk = header();
    chunk.putArray("choices");
    chunk.set("usage", AnthropicResponseMapper.usage(inputTokens, outputTokens, cacheReadTokens,
        cacheCreationTokens));
    out.emit(chunk);
  }

  /** Cumulative counts: the latest value of each field replaces the earlier one. */
  private void updateUsage(JsonNode usage) {
    if (!usage.isObject()) {
      return;
    }
    inputTokens = latest(usage, "input_tokens", inputTokens);
    outputTokens = latest(usage, "output_tokens", outputTokens);
    cacheReadTokens = latest(usage, "cache_read_input_tokens", cacheReadTokens);
    cacheCreationTokens = latest(usage, "cache_creation_input_tokens", cacheCreationTokens);
  }

  private static long latest(JsonNode usage, String field, long previous) {
    JsonNode value = usage.get(field);
    return value != null && value.isNumber() ? value.asLong() : previous;
  }

  private void remember(int blockIndex, int mark) {
    if (blockIndex < 0 || blockIndex > 4096) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
          + "' sent a content block index out of range.");
    }
    if (blockIndex >= blockToolIndex.length) {
      blockToolIndex = java.util.Arrays.copyOf(blockToolIndex, Math.max(blockIndex + 1, blockToolIndex.length * 2));
    }
    blockToolIndex[blockIndex] = mark;
  }

  private void emitContent(String field, String text, ChunkEmitter out) {
    if (text.isEmpty()) {
      return;
    }
    ObjectNode chunk = chunk();
    delta(chunk).put(field, text);
    out.emit(chunk);
  }

  private ObjectNode header() {
    ObjectNode chunk = Json.object();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
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
}
