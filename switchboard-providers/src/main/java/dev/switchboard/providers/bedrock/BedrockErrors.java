package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.HttpErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bedrock's errors → typed failures. An HTTP error names its exception in the {@code x-amzn-errortype} header
 * (or {@code __type}/{@code code} in the body) with a {@code message}; a stream carries the same exceptions as
 * frames with {@code :message-type exception}. Validation errors about prompt length become
 * {@link FailureKind#CONTEXT_LENGTH_EXCEEDED}; content or guardrail blocks become
 * {@link FailureKind#CONTENT_FILTERED}.
 */
public final class BedrockErrors {
  private BedrockErrors() {}

  /** Maps an HTTP error answer. {@code errorTypeHeader} is the raw {@code x-amzn-errortype}, or null. */
  public static UpstreamException fromHttp(String providerName, int status, String errorTypeHeader, byte[] body,
      long retryAfterMillis) {
    String type = sanitize(errorTypeHeader);
    String message = null;
    try {
      JsonNode json = Json.parse(body);
      if (type == null) {
        type = sanitize(json.path("__type").asText(json.path("code").asText(null)));
      }
      message = json.path("message").asText(json.path("Message").asText(null));
    } catch (Exception malformed) {
      message = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    FailureKind kind = kindFor(type, status, message);
    String detail = type == null ? message : type + (message == null ? "" : ": " + message);
    return HttpErrors.error(providerName, status, kind, detail, retryAfterMillis);
  }

  /** Maps an exception frame inside a stream (the HTTP status was 200). */
  public static UpstreamException fromStream(String providerName, String exceptionType, byte[] payload) {
    String type = sanitize(exceptionType);
    String message = null;
    try {
      message = Json.parse(payload).path("message").asText(null);
    } catch (Exception malformed) {
      message = null;
    }
    int status = statusOf(type);
    FailureKind kind = kindFor(type, status, message);
    String detail = (type == null ? "exception" : type) + (message == null ? "" : ": " + message);
    return HttpErrors.error(providerName, status, kind, detail + " (in stream)", -1);
  }

  /** Keeps the exception's short name: drops a trailing {@code :url} and a leading {@code namespace#}. */
  static String sanitize(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String code = raw;
    int colon = code.indexOf(':');
    if (colon >= 0) {
      code = code.substring(0, colon);
    }
    int hash = code.indexOf('#');
    if (hash >= 0) {
      code = code.substring(hash + 1);
    }
    return code.isEmpty() ? null : Character.toUpperCase(code.charAt(0)) + code.substring(1);
  }

  /** The status Bedrock documents for each exception (used for exceptions that arrive inside a stream). */
  static int statusOf(String type) {
    if (type == null) {
      return 500;
    }
    return switch (type) {
      case "ThrottlingException", "ModelNotReadyException" -> 429;
      case "ValidationException", "ServiceQuotaExceededException" -> 400;
      case "AccessDeniedException" -> 403;
      case "ResourceNotFoundException" -> 404;
      case "ModelTimeoutException" -> 408;
      case "ModelErrorException", "ModelStreamErrorException" -> 424;
      case "ServiceUnavailableException" -> 503;
      default -> 500;
    };
  }

  static FailureKind kindFor(String type, int status, String message) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (type == null) {
      return refine(HttpErrors.kindFor(status), lower);
    }
    return switch (type) {
      case "ThrottlingException", "ServiceQuotaExceededException" -> FailureKind.RATE_LIMITED;
      case "ModelTimeoutException" -> FailureKind.TIMEOUT;
      case "ModelNotReadyException", "ServiceUnavailableException", "InternalServerException",
          "ModelErrorException", "ModelStreamErrorException", "ConflictException", "InternalFailure" ->
          FailureKind.SERVER_ERROR;
      case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
          "IncompleteSignatureException", "IncompleteSignature", "MissingAuthenticationTokenException",
          "ExpiredTokenException", "InvalidClientTokenId" -> FailureKind.AUTHENTICATION;
      case "ResourceNotFoundException" -> FailureKind.NOT_FOUND;
      case "ValidationException" -> refine(FailureKind.BAD_REQUEST, lower);
      default -> refine(HttpErrors.kindFor(status), lower);
    };
  }

  private static FailureKind refine(FailureKind kind, String lower) {
    if (kind != FailureKind.BAD_REQUEST) {
      return kind;
    }
    if (lower.contains("too long") || lower.contains("too many input tokens") || lower.contains("context length")
        || lower.contains("context window") || lower.contains("input length") && lower.contains("exceed")
        || lower.contains("maximum") && lower.contains("tokens") && lower.contains("exceed")) {
      return FailureKind.CONTEXT_LENGTH_EXCEEDED;
    }
    if (lower.contains("content filter") || lower.contains("guardrail") || lower.contains("blocked by")
        || lower.contains("content policy")) {
      return FailureKind.CONTENT_FILTERED;
    }
    return kind;
  }
}
