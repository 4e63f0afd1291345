package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;

/**
 * Cohere v2 chat response → OpenAI {@code chat.completion}: text content joined (thinking left out), the tool
 * plan as content when there is no text, tool calls as they are, finish reasons mapped, and usage from
 * {@code usage.tokens} (falling back to {@code billed_units}). A finish reason of {@code ERROR} or
 * {@code TIMEOUT} is a server failure, not an answer. Pure.
 */
final class CohereResponses {
  private CohereResponses() {}

  static ObjectNode completion(ObjectNode response, TranslationContext context) {
    String reason = response.path("finish_reason").asText("");
    if (reason.equals("ERROR") || reason.equals("TIMEOUT")) {
      throw new UpstreamException(FailureKind.SERVER_ERROR, 500,
          "The provider stopped generating with finish reason " + reason + ".");
    }
    ObjectNode out = Json.object();
    out.put("id", "chatcmpl-" + response.path("id").asText(context.requestId()));
    out.put("object", "chat.completion");
    out.put("created", context.createdEpochSeconds());
    out.put("model", context.upstreamModel());
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    JsonNode source = response.path("message");
    String text = text(source.path("content"));
    if (text == null && source.hasNonNull("tool_plan") && !source.path("tool_plan").asText().isEmpty()) {
      text = source.path("tool_plan").asText();
    }
    if (text == null) {
      message.putNull("content");
    } else {
      message.put("content", text);
    }
    JsonNode calls = source.path("tool_calls");
    if (calls.isArray() && !calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (JsonNode call : calls) {
        ObjectNode toolCall = toolCalls.addObject();
        toolCall.put("id", call.path("id").asText());
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", call.path("function").path("name").asText())
            .put("arguments", call.path("function").path("arguments").asText("{}"));
      }
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(reason));
    JsonNode usage = response.get("usage");
    if (usage != null && usage.isObject()) {
      out.set("usage", usage(usage));
    }
    return out;
  }

  private static String text(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue();
    }
    StringBuilder text = null;
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        text = text == null ? new StringBuilder() : text;
        text.append(part.path("text").asText());
      }
    }
    return text == null ? null : text.toString();
  }

  static String finishReason(String reason) {
    return switch (reason) {
      case "MAX_TOKENS" -> "length";
      case "TOOL_CALL" -> "tool_calls";
      default -> "stop";
    };
  }

  static ObjectNode usage(JsonNode usage) {
    JsonNode tokens = usage.has("tokens") ? usage.get("tokens") : usage.path("billed_units");
    long prompt = tokens.path("input_tokens").asLong(0);
    long completion = tokens.path("output_tokens").asLong(0);
    ObjectNode out = Json.object();
    out.put("prompt_tokens", prompt);
    out.put("completion_tokens", completion);
    out.put("total_tokens", prompt + completion);
    out.putObject("prompt_tokens_details").put("cached_tokens", usage.path("cached_tokens").asLong(0));
    out.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return out;
  }
}
