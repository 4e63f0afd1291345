package dev.switchboard.core.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cheap upper-leaning token estimates for admission (about four characters a token, plus a few tokens of
 * framing per message). Real usage replaces them at settlement.
 */
public final class TokenEstimate {
  private TokenEstimate() {}

  public static long promptTokens(ObjectNode body) {
    long chars = 0;
    long messages = 0;
    for (JsonNode message : body.path("messages")) {
      messages++;
      chars += textLength(message.path("content"));
      chars += message.path("tool_calls").toString().length();
    }
    chars += textLength(body.path("input"));
    chars += textLength(body.path("prompt"));
    if (body.has("tools")) {
      chars += body.get("tools").toString().length();
    }
    return (chars + 3) / 4 + 4 * messages + 3;
  }

  /** The completion limit the request set ({@code max_completion_tokens} or {@code max_tokens}), else the default. */
  public static long maxCompletionTokens(ObjectNode body, long defaultMax) {
    long max = body.path("max_completion_tokens").asLong(0);
    if (max <= 0) {
      max = body.path("max_tokens").asLong(0);
    }
    return max > 0 ? max : defaultMax;
  }

  private static long textLength(JsonNode content) {
    if (content.isTextual()) {
      return content.textValue().length();
    }
    long length = 0;
    if (content.isArray()) {
      for (JsonNode part : content) {
        length += part.isTextual() ? part.textValue().length() : part.path("text").asText("").length();
      }
    }
    return length;
  }
}
