package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Maps Anthropic error answers ({@code {"type":"error","error":{"type","message"}}}), in a response body or as a
 * stream {@code error} event, to typed failures: overloaded (529) and api errors are server errors, a prompt that
 * is too long is a context-length failure, and blocked output is a content-filter failure.
 */
public final class AnthropicErrors {
  private AnthropicErrors() {}

  public static UpstreamException map(String providerName, int status, byte[] body, long retryAfterMillis) {
    String type = "";
    String message;
    try {
      JsonNode error = Json.parse(body).path("error");
      type = error.path("type").asText("");
      message = error.path("message").asText(null);
    } catch (Exception malformed) {
      message = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    return of(providerName, status, type, message, retryAfterMillis);
  }

  /** A stream {@code error} event (the HTTP status was 200); its status is inferred from the error type. */
  public static UpstreamException streamError(String providerName, JsonNode error) {
    String type = error.path("type").asText("");
    return of(providerName, statusFor(type), type, error.path("message").asText(null), -1);
  }

  static UpstreamException of(String providerName, int status, String type, String message,
      long retryAfterMillis) {
    FailureKind kind = HttpErrors.kindFor(status);
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (type.equals("overloaded_error") || type.equals("api_error")) {
      kind = FailureKind.SERVER_ERROR;
    } else if (type.equals("rate_limit_error")) {
      kind = FailureKind.RATE_LIMITED;
    } else if (lower.contains("prompt is too long") || lower.contains("exceed context limit")
        || lower.contains("context window") || lower.contains("too many tokens")) {
      kind = FailureKind.CONTEXT_LENGTH_EXCEEDED;
    } else if (lower.contains("content filtering") || lower.contains("content policy")) {
      kind = FailureKind.CONTENT_FILTERED;
    }
    return HttpErrors.error(providerName, status, kind, message, retryAfterMillis);
  }

  private static int statusFor(String type) {
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "overloaded_error" -> 529;
      default -> 500;
    };
  }
}
