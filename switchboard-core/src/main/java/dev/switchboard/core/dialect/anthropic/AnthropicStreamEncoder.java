package dev.switchboard.core.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import java.util.Arrays;

/**
 * Canonical OpenAI chunks → Anthropic's named stream events, one instance per stream: {@code message_start} on the
 * first chunk; content as a text block ({@code content_block_start}, {@code text_delta}s, {@code content_block_stop});
 * each tool call as a {@code tool_use} block whose argument fragments become {@code input_json_delta}s; at the end
 * {@code message_delta} with the stop reason and the final usage, then {@code message_stop}. A failure becomes an
 * {@code error} event. Reasoning deltas are not forwarded (Anthropic thinking blocks need a signature that other
 * providers cannot give).
 */
public final class AnthropicStreamEncoder {
  /** Receives each event: its name (the SSE {@code event:} field) and its data. */
  @FunctionalInterface
  public interface EventSink {
    void event(String name, ObjectNode data);
  }

  private static final int NO_BLOCK = -1;

  private final String requestedModel;
  private boolean started;
  private boolean ended;
  private int nextBlock;
  private int openBlock = NO_BLOCK;
  private boolean openIsText;
  private int[] toolBlocks = new int[4];
  private String finishReason;
  private JsonNode usage;

  /** @param requestedModel the model the client asked for, used until a chunk names one */
  public AnthropicStreamEncoder(String requestedModel) {
    this.requestedModel = requestedModel == null ? "" : requestedModel;
    Arrays.fill(toolBlocks, NO_BLOCK);
  }

  public void onChunk(ObjectNode chunk, EventSink out) {
    if (ended) {
      return;
    }
    if (!started) {
      start(chunk, out);
    }
    JsonNode chunkUsage = chunk.get("usage");
    if (chunkUsage != null && chunkUsage.isObject()) {
      usage = chunkUsage;
    }
    JsonNode choices = chunk.get("choices");
    if (choices == null || choices.isEmpty()) {
      return;
    }
    JsonNode choice = choices.get(0);
    JsonNode delta = choice.path("delta");
    JsonNode content = delta.get("content");
    if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
      text(content.textValue(), out);
    }
    JsonNode calls = delta.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (JsonNode call : calls) {
        toolCall(call, out);
      }
    }
    JsonNode finish = choice.get("finish_reason");
    if (finish != null && finish.isTextual()) {
      finishReason = finish.textValue();
      closeBlock(out);
    }
  }

  /** The OpenAI stream ended normally. */
  public void onEnd(EventSink out) {
    if (ended) {
      return;
    }
    if (!started) {
      start(Json.object(), out);
    }
    ended = true;
    closeBlock(out);
    ObjectNode messageDelta = Json.object().put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", AnthropicMessagesResponse.stopReason(finishReason))
        .putNull("stop_sequence");
    messageDelta.set("usage", AnthropicMessagesResponse.usage(usage));
    out.event("message_delta", messageDelta);
    out.event("message_stop", Json.object().put("type", "message_stop"));
  }

  /** The stream failed: an {@code error} event, after which nothing more is sent. */
  public void onError(GatewayException error, EventSink out) {
    if (ended) {
      return;
    }
    ended = true;
    out.event("error", AnthropicErrorBody.of(error));
  }

  private void start(ObjectNode chunk, EventSink out) {
    started = true;
    ObjectNode event = Json.object().put("type", "message_start");
    ObjectNode message = event.putObject("message");
    message.put("id", AnthropicMessagesResponse.messageId(chunk.path("id").asText("")));
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", chunk.path("model").asText(requestedModel));
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.set("usage", AnthropicMessagesResponse.usage(chunk.get("usage")));
    out.event("message_start", event);
  }

  private void text(String text, EventSink out) {
    if (openBlock == NO_BLOCK || !openIsText) {
      closeBlock(out);
      ObjectNode block = Json.object().put("type", "text").put("text", "");
      openBlock(block, true, out);
    }
    ObjectNode delta = Json.object().put("type", "text_delta").put("text", text);
    out.event("content_block_delta", blockEvent("content_block_delta", openBlock).set("delta", delta));
  }

  private void toolCall(JsonNode call, EventSink out) {
    int index = call.path("index").asInt(0);
    if (index < 0 || index > 1024) {
      return;
    }
    if (index >= toolBlocks.length) {
      int old = toolBlocks.length;
      toolBlocks = Arrays.copyOf(toolBlocks, Math.max(index + 1, old * 2));
      Arrays.fill(toolBlocks, old, toolBlocks.length, NO_BLOCK);
    }
    JsonNode function = call.path("function");
    if (toolBlocks[index] == NO_BLOCK) {
      closeBlock(out);
      ObjectNode block = Json.object().put("type", "tool_use");
      block.put("id", call.path("id").asText("toolu_" + index));
      block.put("name", function.path("name").asText(""));
      block.putObject("input");
      toolBlocks[index] = openBlock(block, false, out);
    }
    String arguments = function.path("arguments").asText("");
    if (!arguments.isEmpty()) {
      ObjectNode delta = Json.object().put("type", "input_json_delta").put("partial_json", arguments);
      out.event("content_block_delta", blockEvent("content_block_delta", toolBlocks[index]).set("delta", delta));
    }
  }

  private int openBlock(ObjectNode block, boolean isText, EventSink out) {
    openBlock = nextBlock++;
    openIsText = isText;
    ObjectNode event = blockEvent("content_block_start", openBlock);
    event.set("content_block", block);
    out.event("content_block_start", event);
    return openBlock;
  }

  private void closeBlock(EventSink out) {
    if (openBlock != NO_BLOCK) {
      out.event("content_block_stop", blockEvent("content_block_stop", openBlock));
      openBlock = NO_BLOCK;
    }
  }

  private static ObjectNode blockEvent(String type, int index) {
    return Json.object().put("type", type).put("index", index);
  }
}
