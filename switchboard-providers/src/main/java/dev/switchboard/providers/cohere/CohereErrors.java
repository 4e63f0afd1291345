package dev.switchboard.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Cohere's errors ({@code {"id", "message"}}) → typed failures. Cohere uses 498 for an invalid token and 499
 * for a request it saw cancelled; a prompt over the model's window is a 400 whose message says "too many
 * tokens".
 */
public final class CohereErrors {
  private CohereErrors() {}

  public static UpstreamException map(String providerName, int status, byte[] body, long retryAfterMillis) {
    String message;
    try {
      JsonNode root = Json.parse(body);
      message = root.path("message").asText(null);
      if (message == null) {
        message = root.path("error").isTextual() ? root.path("error").asText()
            : root.path("error").path("message").asText(null);
      }
    } catch (Exception malformed) {
      message = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    return HttpErrors.error(providerName, status, kind(status, message), message, retryAfterMillis);
  }

  static FailureKind kind(int status, String message) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (status == 498) {
      return FailureKind.AUTHENTICATION;
    }
    if (status == 499) {
      return FailureKind.SERVER_ERROR;
    }
    if (lower.contains("too many tokens") || lower.contains("context length")
        || lower.contains("exceeds the maximum")) {
      return FailureKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (status == 400 && (lower.contains("blocked") || lower.contains("safety"))) {
      return FailureKind.CONTENT_FILTERED;
    }
    return HttpErrors.kindFor(status);
  }
}
