package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import java.util.Arrays;

/**
 * ConverseStream events → OpenAI {@code chat.completion.chunk}s. Pure and stateful, one per stream. Tool-use
 * blocks get consecutive OpenAI tool-call indexes in the order they start; their input arrives as JSON text
 * fragments, passed on as {@code arguments} fragments. The {@code messageStop} event gives the finish chunk and
 * the {@code metadata} event the usage chunk ({@code choices: []}), as OpenAI sends them.
 */
public final class BedrockStreamTranslator {
  private static final int MAX_BLOCKS = 4096;
  private final String providerName;
  private final TranslationContext context;
  private int[] toolIndexByBlock = new int[8];
  private int nextToolIndex;
  private boolean finished;
  private boolean started;

  public BedrockStreamTranslator(String providerName, TranslationContext context) {
    this.providerName = providerName;
    this.context = context;
    Arrays.fill(toolIndexByBlock, -1);
  }

  /** One {@code :message-type event} with its {@code :event-type} and parsed JSON payload. */
  public void onEvent(String eventType, JsonNode payload, ChunkEmitter out) {
    switch (eventType) {
      case "messageStart" -> {
        started = true;
        ObjectNode chunk = BedrockShapes.chunk(context);
        BedrockShapes.delta(chunk).put("role", "assistant").put("content", "");
        out.emit(chunk);
      }
      case "contentBlockStart" -> blockStart(payload, out);
      case "contentBlockDelta" -> blockDelta(payload, out);
      case "messageStop" -> {
        finished = true;
        ObjectNode chunk = BedrockShapes.chunk(context);
        ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason",
            BedrockShapes.finishReason(payload.path("stopReason").asText(null)));
        out.emit(chunk);
      }
      case "metadata" -> {
        if (payload.has("usage")) {
          ObjectNode chunk = BedrockShapes.chunk(context);
          chunk.putArray("choices");
          chunk.set("usage", BedrockShapes.usage(payload.get("usage")));
          out.emit(chunk);
        }
      }
      default -> {
        // contentBlockStop and events added later carry nothing for OpenAI's chunks
      }
    }
  }

  /** The stream ended; a stream that never said {@code messageStop} was cut short. */
  public void onEnd(ChunkEmitter out) {
    if (!finished) {
      throw new UpstreamException(FailureKind.CONNECTION_RESET, 200, "The provider '" + providerName
          + "' ended the stream before the message was complete.");
    }
  }

  public boolean started() {
    return started;
  }

  private void blockStart(JsonNode payload, ChunkEmitter out) {
    JsonNode toolUse = payload.path("start").path("toolUse");
    if (toolUse.isMissingNode()) {
      return;
    }
    int block = blockIndex(payload);
    int toolIndex = nextToolIndex++;
    toolIndexByBlock[block] = toolIndex;
    ObjectNode chunk = BedrockShapes.chunk(context);
    ObjectNode call = BedrockShapes.delta(chunk).putArray("tool_calls").addObject();
    call.put("index", toolIndex);
    call.put("id", toolUse.path("toolUseId").asText());
    call.put("type", "function");
    call.putObject("function").put("name", toolUse.path("name").asText()).put("arguments", "");
    out.emit(chunk);
  }

  private void blockDelta(JsonNode payload, ChunkEmitter out) {
    JsonNode delta = payload.path("delta");
    if (delta.has("text")) {
      ObjectNode chunk = BedrockShapes.chunk(context);
      BedrockShapes.delta(chunk).put("content", delta.get("text").asText());
      out.emit(chunk);
    } else if (delta.has("toolUse")) {
      int block = blockIndex(payload);
      int toolIndex = toolIndexByBlock[block];
      if (toolIndex < 0) {
        throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
            + "' sent tool input for a block that did not start as a tool call.");
      }
      ObjectNode chunk = BedrockShapes.chunk(context);
      ObjectNode call = BedrockShapes.delta(chunk).putArray("tool_calls").addObject();
      call.put("index", toolIndex);
      call.putObject("function").put("arguments", delta.get("toolUse").path("input").asText(""));
      out.emit(chunk);
    } else if (delta.has("reasoningContent")) {
      String text = delta.get("reasoningContent").path("text").asText("");
      if (!text.isEmpty()) {
        ObjectNode chunk = BedrockShapes.chunk(context);
        BedrockShapes.delta(chunk).put("reasoning_content", text);
        out.emit(chunk);
      }
    }
  }

  private int blockIndex(JsonNode payload) {
    int block = payload.path("contentBlockIndex").asInt(-1);
    if (block < 0 || block >= MAX_BLOCKS) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
          + "' sent an invalid content block index.");
    }
    if (block >= toolIndexByBlock.length) {
      int old = toolIndexByBlock.length;
      toolIndexByBlock = Arrays.copyOf(toolIndexByBlock, Math.max(block + 1, old * 2));
      Arrays.fill(toolIndexByBlock, old, toolIndexByBlock.length, -1);
    }
    return block;
  }
}
