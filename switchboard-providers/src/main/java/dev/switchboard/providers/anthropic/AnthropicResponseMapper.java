package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.TranslationContext;

/** Anthropic Message → OpenAI {@code chat.completion}, plus the stop-reason and usage mappings streams share. */
final class AnthropicResponseMapper {
  private AnthropicResponseMapper() {}

  static ObjectNode map(ObjectNode message, TranslationContext context) {
    ObjectNode out = Json.object();
    out.put("id", message.path("id").asText(context.requestId()));
    out.put("object", "chat.completion");
    out.put("created", context.createdEpochSeconds());
    out.put("model", message.path("model").asText(context.upstreamModel()));
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode reply = choice.putObject("message");
    reply.put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    ArrayNode calls = Json.array();
    boolean jsonAnswer = false;
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText("")) {
        case "text" -> text.append(block.path("text").asText());
        case "thinking" -> thinking.append(block.path("thinking").asText());
        case "tool_use" -> {
          if (block.path("name").asText().equals(AnthropicToolMapper.JSON_TOOL)) {
            text.append(Json.writeString(block.path("input")));
            jsonAnswer = true;
          } else {
            calls.add(toolCall(block));
          }
        }
        default -> {
          // redacted thinking and server-side blocks have no OpenAI counterpart
        }
      }
    }
    if (text.length() == 0 && !calls.isEmpty()) {
      reply.putNull("content");
    } else {
      reply.put("content", text.toString());
    }
    if (thinking.length() > 0) {
      reply.put("reasoning_content", thinking.toString());
    }
    if (!calls.isEmpty()) {
      reply.set("tool_calls", calls);
    }
    reply.putNull("refusal");
    choice.putNull("logprobs");
    String stopReason = message.path("stop_reason").asText(null);
    choice.put("finish_reason", jsonAnswer && calls.isEmpty() && "tool_use".equals(stopReason) ? "stop"
        : finishReason(stopReason));
    out.set("usage", usage(message.path("usage").path("input_tokens").asLong(0),
        message.path("usage").path("output_tokens").asLong(0),
        message.path("usage").path("cache_read_input_tokens").asLong(0),
        message.path("usage").path("cache_creation_input_tokens").asLong(0)));
    return out;
  }

  private static ObjectNode toolCall(JsonNode block) {
    ObjectNode call = Json.object();
    call.put("id", block.path("id").asText());
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", block.path("name").asText());
    JsonNode input = block.get("input");
    function.put("arguments", input == null || input.isNull() ? "{}" : Json.writeString(input));
    return call;
  }

  /** Anthropic's {@code stop_reason} → OpenAI's {@code finish_reason}. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop";
    };
  }

  /**
   * An OpenAI usage object: Anthropic's {@code input_tokens} exclude cache reads and writes, OpenAI's
   * {@code prompt_tokens} include them.
   */
  static ObjectNode usage(long input, long output, long cacheRead, long cacheCreation) {
    ObjectNode usage = Json.object();
    long prompt = input + cacheRead + cacheCreation;
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", output);
    usage.put("total_tokens", prompt + output);
    ObjectNode details = usage.putObject("prompt_tokens_details");
    details.put("cached_tokens", cacheRead);
    details.put("cache_creation_tokens", cacheCreation);
    return usage;
  }
}
