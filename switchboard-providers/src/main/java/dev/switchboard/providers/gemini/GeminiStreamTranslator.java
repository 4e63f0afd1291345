package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;

/**
 * Gemini {@code streamGenerateContent?alt=sse} events (each a partial {@code GenerateContentResponse}) → OpenAI
 * chunks: a first chunk with the assistant role, one chunk per text piece or function call (whole arguments in
 * one delta, as Gemini sends them whole), a finish chunk, and at the end one usage chunk from the last
 * {@code usageMetadata} (Gemini's counts are cumulative). One instance per stream; pure.
 */
public final class GeminiStreamTranslator implements StreamTranslator {
  private static final int MAX_CANDIDATES = 8;

  private final String providerName;
  private final TranslationContext context;
  private final boolean[] started = new boolean[MAX_CANDIDATES];
  private final boolean[] finished = new boolean[MAX_CANDIDATES];
  private final int[] toolCalls = new int[MAX_CANDIDATES];
  private String id;
  private String model;
  private JsonNode usage;
  private int toolIdCounter;
  private boolean anyFinished;

  public GeminiStreamTranslator(String providerName, TranslationContext context) {
    this.providerName = providerName;
    this.context = context;
  }

  @Override
  public void onEvent(SseEvent event, ChunkEmitter out) {
    if (event.hasNoData() || event.isDone()) {
      return;
    }
    JsonNode response;
    try {
      response = Json.parse(event.dataBytes());
    } catch (Exception e) {
      throw protocol("sent a malformed stream event.");
    }
    if (response.isArray() && response.size() > 0) {
      response = response.get(0);
    }
    if (response.has("error")) {
      throw GeminiErrors.fromStream(providerName, response.get("error"));
    }
    if (id == null) {
      id = GeminiResponses.completionId(response, context);
      model = GeminiResponses.model(response, context);
    }
    JsonNode metadata = response.get("usageMetadata");
    if (metadata != null && metadata.isObject()) {
      usage = metadata;
    }
    JsonNode candidates = response.path("candidates");
    if (candidates.isEmpty() && response.path("promptFeedback").has("blockReason")) {
      start(0, out);
      finish(0, "content_filter", out);
      return;
    }
    for (int i = 0; i < candidates.size(); i++) {
      candidate(candidates.get(i), i, out);
    }
  }

  private void candidate(JsonNode candidate, int position, ChunkEmitter out) {
    int index = Math.min(candidate.path("index").asInt(position), MAX_CANDIDATES - 1);
    start(index, out);
    for (JsonNode part : candidate.path("content").path("parts")) {
      JsonNode functionCall = part.get("functionCall");
      if (functionCall != null) {
        ObjectNode chunk = chunk(index);
        ObjectNode call = GeminiResponses.toolCall(part, context, toolIdCounter++);
        call.put("index", toolCalls[index]++);
        delta(chunk).putArray("tool_calls").add(call);
        out.emit(chunk);
      } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
        String text = part.get("text").asText();
        if (!text.isEmpty()) {
          ObjectNode chunk = chunk(index);
          delta(chunk).put("content", text);
          out.emit(chunk);
        }
      }
    }
    String reason = candidate.path("finishReason").asText("");
    if (!reason.isEmpty() && !reason.equals("FINISH_REASON_UNSPECIFIED")) {
      finish(index, GeminiResponses.finishReason(reason, toolCalls[index] > 0), out);
    }
  }

  private void start(int index, ChunkEmitter out) {
    if (started[index]) {
      return;
    }
    started[index] = true;
    ObjectNode chunk = chunk(index);
    delta(chunk).put("role", "assistant").put("content", "");
    out.emit(chunk);
  }

  private void finish(int index, String reason, ChunkEmitter out) {
    if (finished[index]) {
      return;
    }
    finished[index] = true;
    anyFinished = true;
    ObjectNode chunk = chunk(index);
    delta(chunk);
    ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason", reason);
    out.emit(chunk);
  }

  @Override
  public void onEnd(ChunkEmitter out) {
    if (!anyFinished) {
      throw protocol("ended the stream without a finish reason.");
    }
    if (usage != null) {
      ObjectNode chunk = header();
      chunk.putArray("choices");
      chunk.set("usage", GeminiResponses.usage(usage));
      out.emit(chunk);
    }
  }

  private ObjectNode chunk(int index) {
    ObjectNode chunk = header();
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", index);
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
    chunk.put("model", model == null ? context.upstreamModel() : model);
    return chunk;
  }

  private UpstreamException protocol(String what) {
    return new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName + "' " + what);
  }
}
