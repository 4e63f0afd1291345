package dev.switchboard.core.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/**
 * The canonical OpenAI {@code chat.completion} → an Anthropic Message. Content becomes a text block, tool calls
 * {@code tool_use} blocks (arguments that are not a JSON object are kept under {@code "arguments"} as text, since
 * Anthropic inputs are objects); finish reasons map stop → end_turn, length → max_tokens, tool_calls → tool_use,
 * content_filter → refusal; usage separates cache reads and writes out of the input tokens, as Anthropic counts.
 */
public final class AnthropicMessagesResponse {
  private AnthropicMessagesResponse() {}

  public static ObjectNode fromOpenAi(ObjectNode completion) {
    ObjectNode out = Json.object();
    out.put("id", messageId(completion.path("id").asText("")));
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", completion.path("model").asText(""));
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ArrayNode content = out.putArray("content");
    String text = text(message.get("content"));
    if (!text.isEmpty()) {
      content.addObject().put("type", "text").put("text", text);
    }
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode block = content.addObject().put("type", "tool_use");
      block.put("id", call.path("id").asText());
      block.put("name", call.path("function").path("name").asText());
      block.set("input", input(call.path("function").path("arguments").asText("")));
    }
    out.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
    out.putNull("stop_sequence");
    out.set("usage", usage(completion.get("usage")));
    return out;
  }

  private static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }

  static String messageId(String openAiId) {
    if (openAiId.startsWith("msg_")) {
      return openAiId;
    }
    return "msg_" + (openAiId.isEmpty() ? "switchboard" : openAiId);
  }

  static JsonNode input(String arguments) {
    if (arguments.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.parse(arguments);
      if (parsed instanceof ObjectNode) {
        return parsed;
      }
    } catch (Exception malformed) {
      // kept as text below
    }
    return Json.object().put("arguments", arguments);
  }

  /** OpenAI's {@code finish_reason} → Anthropic's {@code stop_reason}. */
  public static String stopReason(String finishReason) {
    if (finishReason == null) {
      return "end_turn";
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }

  /**
   * OpenAI usage (prompt tokens include cache reads and writes) → Anthropic usage (input tokens exclude them).
   * The gateway's {@code cost_usd} extension is kept when present.
   */
  public static ObjectNode usage(JsonNode usage) {
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    long creation = 0;
    if (usage != null && usage.isObject()) {
      prompt = usage.path("prompt_tokens").asLong(0);
      completion = usage.path("completion_tokens").asLong(0);
      cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
      creation = usage.path("prompt_tokens_details").path("cache_creation_tokens").asLong(0);
    }
    ObjectNode out = Json.object();
    out.put("input_tokens", Math.max(0, prompt - cached - creation));
    out.put("cache_creation_input_tokens", creation);
    out.put("cache_read_input_tokens", cached);
    out.put("output_tokens", completion);
    if (usage != null && usage.path("cost_usd").isNumber()) {
      out.put("cost_usd", usage.path("cost_usd").doubleValue());
    }
    return out;
  }
}
