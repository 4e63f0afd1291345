package dev.switchboard.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Gemini's errors ({@code {"error":{"code","message","status"}}}, sometimes wrapped in an array) → typed
 * failures. Google's canonical status names refine the HTTP status: an invalid API key (400
 * {@code INVALID_ARGUMENT}) is an authentication failure; a too-long prompt is a context-length failure.
 */
public final class GeminiErrors {
  private GeminiErrors() {}

  public static UpstreamException map(String providerName, int status, byte[] body, long retryAfterMillis) {
    String message;
    String canonical = "";
    try {
      JsonNode root = Json.parse(body);
      JsonNode error = (root.isArray() && root.size() > 0 ? root.get(0) : root).path("error");
      message = error.path("message").asText(null);
      canonical = error.path("status").asText("");
    } catch (Exception malformed) {
      message = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    FailureKind kind = kind(status, canonical, message);
    return HttpErrors.error(providerName, status, kind, message, retryAfterMillis);
  }

  /** An {@code error} object inside a stream. */
  static UpstreamException fromStream(String providerName, JsonNode error) {
    int status = error.path("code").asInt(500);
    String message = error.path("message").asText(null);
    return HttpErrors.error(providerName, status, kind(status, error.path("status").asText(""), message), message,
        -1);
  }

  static FailureKind kind(int status, String canonical, String message) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (lower.contains("api key not valid") || lower.contains("api_key_invalid")
        || canonical.equals("UNAUTHENTICATED") || canonical.equals("PERMISSION_DENIED")) {
      return FailureKind.AUTHENTICATION;
    }
    if (lower.contains("exceeds the maximum number of tokens") || lower.contains("input token count")
        || lower.contains("context length") || lower.contains("too long")) {
      return FailureKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (lower.contains("safety") && status == 400) {
      return FailureKind.CONTENT_FILTERED;
    }
    return switch (canonical) {
      case "RESOURCE_EXHAUSTED" -> FailureKind.RATE_LIMITED;
      case "NOT_FOUND" -> FailureKind.NOT_FOUND;
      case "INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED" -> FailureKind.SERVER_ERROR;
      default -> HttpErrors.kindFor(status);
    };
  }
}
