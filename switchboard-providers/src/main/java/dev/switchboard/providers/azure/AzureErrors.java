package dev.switchboard.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Azure OpenAI errors → typed failures. Azure uses OpenAI's {@code {"error":{...}}} shape; a prompt rejected by
 * the content filter is a 400 with {@code code: content_filter} (inner code {@code ResponsibleAIPolicyViolation});
 * gateway-level failures (bad key, unknown deployment) may come as {@code {"statusCode", "message"}}.
 */
public final class AzureErrors {
  private AzureErrors() {}

  public static UpstreamException map(String providerName, int status, byte[] body, long retryAfterMillis) {
    JsonNode error;
    try {
      JsonNode root = Json.parse(body);
      error = root.has("error") ? root.get("error") : root;
    } catch (Exception malformed) {
      String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return HttpErrors.error(providerName, status, HttpErrors.kindFor(status), text, retryAfterMillis);
    }
    String message = error.isTextual() ? error.asText() : error.path("message").asText(null);
    return HttpErrors.error(providerName, status, kind(status, error), message, retryAfterMillis);
  }

  static UpstreamException fromStream(String providerName, JsonNode error) {
    int status = error.path("status").asInt(500);
    return HttpErrors.error(providerName, status, kind(status, error), error.path("message").asText(null), -1);
  }

  static FailureKind kind(int status, JsonNode error) {
    String code = error.path("code").asText("");
    String inner = error.path("innererror").path("code").asText("");
    String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
    if (code.equals("content_filter") || inner.equals("ResponsibleAIPolicyViolation")) {
      return FailureKind.CONTENT_FILTERED;
    }
    if (code.equals("context_length_exceeded") || message.contains("maximum context length")) {
      return FailureKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (code.equals("DeploymentNotFound")) {
      return FailureKind.NOT_FOUND;
    }
    return HttpErrors.kindFor(status);
  }
}
