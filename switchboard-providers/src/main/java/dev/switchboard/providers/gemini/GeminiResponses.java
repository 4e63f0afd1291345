package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.TranslationContext;

/**
 * Gemini {@code GenerateContentResponse} → OpenAI {@code chat.completion}. Thought parts are not part of the
 * answer; function calls become tool calls (with a synthesised id when Gemini gives none); a blocked prompt or
 * candidate finishes with {@code content_filter}; {@code usageMetadata} becomes OpenAI usage with cached and
 * reasoning (thoughts) token details. Pure.
 */
final class GeminiResponses {
  static final String SIGNATURE_SEPARATOR = "~sig~";
  private GeminiResponses() {}

  static ObjectNode completion(ObjectNode response, TranslationContext context) {
    ObjectNode out = Json.object();
    out.put("id", completionId(response, context));
    out.put("object", "chat.completion");
    out.put("created", context.createdEpochSeconds());
    out.put("model", model(response, context));
    ArrayNode choices = out.putArray("choices");
    JsonNode candidates = response.path("candidates");
    int toolIndex = 0;
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode candidate = candidates.get(i);
      ObjectNode choice = choices.addObject();
      choice.put("index", candidate.path("index").asInt(i));
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      String text = text(candidate);
      ArrayNode calls = Json.array();
      for (JsonNode part : candidate.path("content").path("parts")) {
        JsonNode call = part.get("functionCall");
        if (call != null) {
          calls.add(toolCall(part, context, toolIndex++));
        }
      }
      if (text == null) {
        message.putNull("content");
      } else {
        message.put("content", text);
      }
      if (!calls.isEmpty()) {
        message.set("tool_calls", calls);
      }
      message.putNull("refusal");
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason(candidate.path("finishReason").asText(""), !calls.isEmpty()));
    }
    if (candidates.isEmpty()) {
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").putNull("content");
      ((ObjectNode) choice.get("message")).putNull("refusal");
      choice.putNull("logprobs");
      choice.put("finish_reason", response.path("promptFeedback").has("blockReason") ? "content_filter" : "stop");
    }
    JsonNode usage = response.get("usageMetadata");
    if (usage != null && usage.isObject()) {
      out.set("usage", usage(usage));
    }
    return out;
  }

  static String completionId(JsonNode response, TranslationContext context) {
    String responseId = response.path("responseId").asText("");
    return "chatcmpl-" + (responseId.isEmpty() ? context.requestId() : responseId);
  }

  static String model(JsonNode response, TranslationContext context) {
    String version = response.path("modelVersion").asText("");
    return version.isEmpty() ? context.upstreamModel() : version;
  }

  /** The joined text of a candidate's non-thought parts, or null when it has none. */
  static String text(JsonNode candidate) {
    StringBuilder text = null;
    for (JsonNode part : candidate.path("content").path("parts")) {
      JsonNode value = part.get("text");
      if (value != null && !part.path("thought").asBoolean(false)) {
        if (text == null) {
          text = new StringBuilder();
        }
        text.append(value.asText());
      }
    }
    return text == null ? null : text.toString();
  }

  /**
   * A {@code functionCall} part as an OpenAI tool call. The part's {@code thoughtSignature} (which Gemini needs
   * back with the call on the next turn) rides in the tool-call id after {@link #SIGNATURE_SEPARATOR}, since the
   * id is the one field clients return unchanged.
   */
  static ObjectNode toolCall(JsonNode part, TranslationContext context, int index) {
    JsonNode functionCall = part.get("functionCall");
    ObjectNode call = Json.object();
    String id = functionCall.path("id").asText("");
    id = id.isEmpty() ? "call_" + context.requestId() + "_" + index : id;
    String signature = part.path("thoughtSignature").asText("");
    call.put("id", signature.isEmpty() ? id : id + SIGNATURE_SEPARATOR + signature);
    call.put("type", "function");
    JsonNode args = functionCall.get("args");
    call.putObject("function").put("name", functionCall.path("name").asText())
        .put("arguments", args == null || args.isNull() ? "{}" : Json.writeString(args));
    return call;
  }

  static String finishReason(String reason, boolean toolCalls) {
    switch (reason) {
      case "MAX_TOKENS":
        return "length";
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
      case "IMAGE_SAFETY":
        return "content_filter";
      default:
        return toolCalls ? "tool_calls" : "stop";
    }
  }

  static ObjectNode usage(JsonNode metadata) {
    long prompt = metadata.path("promptTokenCount").asLong(0) + metadata.path("toolUsePromptTokenCount").asLong(0);
    long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
    long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
    ObjectNode usage = Json.object();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens",
        metadata.path("cachedContentTokenCount").asLong(0));
    usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
    return usage;
  }
}
