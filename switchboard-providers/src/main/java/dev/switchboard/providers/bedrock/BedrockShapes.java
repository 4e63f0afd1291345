package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.TranslationContext;

/** The pieces shared by the response and stream translations: finish reasons, usage and chunk headers. */
final class BedrockShapes {
  private BedrockShapes() {}

  /** Converse {@code stopReason} → OpenAI {@code finish_reason}. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "content_filtered", "guardrail_intervened" -> "content_filter";
      default -> "stop";
    };
  }

  /**
   * Converse {@code usage} → OpenAI {@code usage}. Converse counts cache reads and writes apart from
   * {@code inputTokens}; OpenAI's {@code prompt_tokens} includes them.
   */
  static ObjectNode usage(JsonNode usage) {
    long input = usage.path("inputTokens").asLong(0);
    long output = usage.path("outputTokens").asLong(0);
    long cacheRead = usage.path("cacheReadInputTokens").asLong(0);
    long cacheWrite = usage.path("cacheWriteInputTokens").asLong(0);
    long prompt = input + cacheRead + cacheWrite;
    ObjectNode out = Json.object();
    out.put("prompt_tokens", prompt);
    out.put("completion_tokens", output);
    out.put("total_tokens", prompt + output);
    ObjectNode details = out.putObject("prompt_tokens_details");
    details.put("cached_tokens", cacheRead);
    if (cacheWrite > 0) {
      details.put("cache_creation_tokens", cacheWrite);
    }
    return out;
  }

  static String completionId(TranslationContext context) {
    return "chatcmpl-" + context.requestId();
  }

  /** A {@code chat.completion.chunk} with one choice and an empty delta. */
  static ObjectNode chunk(TranslationContext context) {
    ObjectNode chunk = Json.object();
    chunk.put("id", completionId(context));
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", context.createdEpochSeconds());
    chunk.put("model", context.upstreamModel());
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return chunk;
  }

  static ObjectNode delta(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }
}
