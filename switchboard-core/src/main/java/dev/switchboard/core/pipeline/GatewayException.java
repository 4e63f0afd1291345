package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorBody;
import dev.switchboard.api.ErrorType;

/**
 * An error that reaches the client as an OpenAI-shaped JSON body with an HTTP status. Its message is written for
 * the client: it never carries a provider key, a stack trace or an internal address.
 */
public class GatewayException extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final long retryAfterSeconds;

  public GatewayException(int status, String type, String code, String param, String message) {
    this(status, type, code, param, message, -1);
  }

  public GatewayException(int status, String type, String code, String param, String message,
      long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** Seconds the client should wait before retrying, or -1 when not applicable. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public ObjectNode toBody() {
    return ErrorBody.of(getMessage(), type, param, code);
  }

  public static GatewayException badRequest(String message, String param) {
    return new GatewayException(400, ErrorType.INVALID_REQUEST, "invalid_request", param, message);
  }

  public static GatewayException invalidJson(String detail) {
    return new GatewayException(400, ErrorType.INVALID_REQUEST, "invalid_json", null,
        "We could not parse the JSON body of your request. " + detail);
  }

  public static GatewayException unauthorized(String message) {
    return new GatewayException(401, ErrorType.AUTHENTICATION, "invalid_api_key", null, message);
  }

  public static GatewayException forbidden(String message, String code) {
    return new GatewayException(403, ErrorType.PERMISSION, code, null, message);
  }

  public static GatewayException modelNotFound(String model) {
    return new GatewayException(404, ErrorType.NOT_FOUND, "model_not_found", "model",
        "The model '" + model + "' does not exist or you do not have access to it.");
  }

  public static GatewayException routeNotFound(String method, String path) {
    return new GatewayException(404, ErrorType.NOT_FOUND, "unknown_url", null,
        "Unknown request URL: " + method + " " + path + ".");
  }

  public static GatewayException methodNotAllowed(String method, String path) {
    return new GatewayException(405, ErrorType.INVALID_REQUEST, "method_not_allowed", null,
        "Method " + method + " is not allowed on " + path + ".");
  }

  public static GatewayException payloadTooLarge(long limit) {
    return new GatewayException(413, ErrorType.INVALID_REQUEST, "request_too_large", null,
        "Request body exceeds the limit of " + limit + " bytes.");
  }

  public static GatewayException rateLimited(String message, long retryAfterSeconds) {
    return new GatewayException(429, ErrorType.RATE_LIMIT, "rate_limit_exceeded", null, message,
        retryAfterSeconds);
  }

  public static GatewayException badGateway(String message, String code) {
    return new GatewayException(502, ErrorType.UPSTREAM, code, null, message);
  }

  public static GatewayException gatewayTimeout(String message) {
    return new GatewayException(504, ErrorType.TIMEOUT, "upstream_timeout", null, message);
  }

  public static GatewayException unavailable(String message) {
    return new GatewayException(503, ErrorType.API_ERROR, "service_unavailable", null, message);
  }

  public static GatewayException internal() {
    return new GatewayException(500, ErrorType.API_ERROR, "internal_error", null,
        "The gateway had an internal error while processing your request.");
  }
}
