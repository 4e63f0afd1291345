package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Maps OpenAI-style error answers ({@code {"error":{"message","type","code"}}}) to typed failures. */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static UpstreamException map(String providerName, int status, byte[] body, long retryAfterMillis) {
    String message = null;
    String code = "";
    String type = "";
    try {
      JsonNode error = Json.parse(body).path("error");
      if (error.isTextual()) {
        message = error.textValue();
      } else {
        message = error.path("message").asText(null);
        code = error.path("code").asText("");
        type = error.path("type").asText("");
      }
    } catch (Exception malformed) {
      message = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    FailureKind kind = HttpErrors.kindFor(status);
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (code.equals("context_length_exceeded") || lower.contains("maximum context length")
        || lower.contains("context length") || lower.contains("too many tokens")) {
      kind = FailureKind.CONTEXT_LENGTH_EXCEEDED;
    } else if (code.equals("content_filter") || code.equals("content_policy_violation")
        || type.equals("content_filter")) {
      kind = FailureKind.CONTENT_FILTERED;
    }
    return HttpErrors.error(providerName, status, kind, message, retryAfterMillis);
  }
}
