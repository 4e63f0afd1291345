package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A quick, tokenizer-free estimate of a request's size (about four characters per token, plus a few tokens of
 * framing per message), used to skip deployments whose context window is too small and to price requests.
 */
final class TokenEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_MESSAGE = 4;

  private TokenEstimate() {}

  static long promptTokens(ObjectNode body) {
    long chars = 0;
    long framing = 0;
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages) {
        framing += TOKENS_PER_MESSAGE;
        chars += textLength(message.get("content"));
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null) {
          chars += toolCalls.toString().length();
        }
      }
    }
    JsonNode input = body.get("input");
    if (input != null) {
      chars += textLength(input);
    }
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray()) {
      chars += tools.toString().length();
    }
    return framing + (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** The output the client allows ({@code max_completion_tokens} or {@code max_tokens}), or 0 when unset. */
  static long maxOutputTokens(ObjectNode body) {
    JsonNode max = body.get("max_completion_tokens");
    if (max == null || !max.canConvertToLong()) {
      max = body.get("max_tokens");
    }
    return max != null && max.canConvertToLong() ? Math.max(0, max.asLong()) : 0;
  }

  private static long textLength(JsonNode content) {
    if (content == null || content.isNull()) {
      return 0;
    }
    if (content.isTextual()) {
      return content.textValue().length();
    }
    long total = 0;
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.isTextual()) {
          total += part.textValue().length();
        } else {
          JsonNode text = part.get("text");
          total += text != null && text.isTextual() ? text.textValue().length() : 0;
        }
      }
    }
    return total;
  }
}
