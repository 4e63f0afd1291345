package dev.switchboard.core.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorType;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;

/**
 * OpenAI-shaped errors → Anthropic's error document {@code {"type":"error","error":{"type","message"}}}, for
 * clients of {@code /v1/messages}. The HTTP status stays as it is; the type follows Anthropic's vocabulary for it.
 */
public final class AnthropicErrorBody {
  private AnthropicErrorBody() {}

  public static ObjectNode of(GatewayException error) {
    return of(error.status(), error.type(), error.getMessage());
  }

  /** From an OpenAI error document ({@code {"error":{"message","type",...}}}) and its status. */
  public static ObjectNode fromOpenAi(int status, JsonNode openAiError) {
    JsonNode error = openAiError == null ? Json.object() : openAiError.path("error");
    return of(status, error.path("type").asText(""), error.path("message").asText("Unknown error."));
  }

  public static ObjectNode of(int status, String openAiType, String message) {
    ObjectNode body = Json.object();
    body.put("type", "error");
    body.putObject("error").put("type", type(status, openAiType)).put("message", message);
    return body;
  }

  /** Anthropic's error type for a status (and the OpenAI type, where the status alone is ambiguous). */
  public static String type(int status, String openAiType) {
    if (ErrorType.RATE_LIMIT.equals(openAiType) || status == 429) {
      return "rate_limit_error";
    }
    if (ErrorType.TIMEOUT.equals(openAiType) && status >= 500) {
      return "api_error";
    }
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
