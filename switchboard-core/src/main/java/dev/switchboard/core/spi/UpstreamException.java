package dev.switchboard.core.spi;

import dev.switchboard.api.ErrorType;
import dev.switchboard.core.pipeline.GatewayException;

/**
 * A typed failure of one upstream attempt. Its message is safe for the client (provider messages are passed on
 * only after the adapter stripped anything secret).
 */
public final class UpstreamException extends GatewayException {
  private final FailureKind kind;
  private final int providerStatus;
  private final long retryAfterMillis;

  public UpstreamException(FailureKind kind, int providerStatus, String message, long retryAfterMillis) {
    this(kind, providerStatus, message, retryAfterMillis, null);
  }

  /** With the request parameter at fault ({@code param} in the client's error), for example one a provider lacks. */
  public UpstreamException(FailureKind kind, int providerStatus, String message, long retryAfterMillis,
      String param) {
    super(clientStatus(kind, providerStatus), clientType(kind), clientCode(kind), param, message,
        retryAfterMillis < 0 ? -1 : (retryAfterMillis + 999) / 1000);
    this.kind = kind;
    this.providerStatus = providerStatus;
    this.retryAfterMillis = retryAfterMillis;
  }

  public UpstreamException(FailureKind kind, int providerStatus, String message) {
    this(kind, providerStatus, message, -1);
  }

  /** A failure that names the request parameter at fault (for example one a provider cannot honour). */
  public UpstreamException(FailureKind kind, int providerStatus, String message, String param) {
    super(clientStatus(kind, providerStatus), clientType(kind), clientCode(kind), param, message, -1);
    this.kind = kind;
    this.providerStatus = providerStatus;
    this.retryAfterMillis = -1;
  }

  private UpstreamException(String message, String param, String code) {
    super(400, ErrorType.INVALID_REQUEST, code, param, message, -1);
    this.kind = FailureKind.BAD_REQUEST;
    this.providerStatus = 0;
    this.retryAfterMillis = -1;
  }

  /**
   * The request cannot be sent to this provider as it stands (for example a parameter the provider cannot honour),
   * found by the adapter before any call: a 400 naming the offending {@code param}, not retried.
   */
  public static UpstreamException invalidRequest(String message, String param, String code) {
    return new UpstreamException(message, param, code);
  }

  public FailureKind kind() {
    return kind;
  }

  /** The provider's HTTP status, or 0 when there was none (connection failures, timeouts). */
  public int providerStatus() {
    return providerStatus;
  }

  /** The provider's Retry-After in milliseconds, or -1. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }

  private static int clientStatus(FailureKind kind, int providerStatus) {
    return switch (kind) {
      case CONNECT, CONNECTION_RESET, PROTOCOL, AUTHENTICATION, NOT_FOUND -> 502;
      case TIMEOUT -> 504;
      case RATE_LIMITED -> 429;
      case SERVER_ERROR -> providerStatus >= 500 && providerStatus <= 599 ? providerStatus : 502;
      case CONTEXT_LENGTH_EXCEEDED, CONTENT_FILTERED -> 400;
      case BAD_REQUEST -> providerStatus >= 400 && providerStatus <= 499 ? providerStatus : 400;
      case CANCELLED -> 499;
    };
  }

  private static String clientType(FailureKind kind) {
    return switch (kind) {
      case TIMEOUT -> ErrorType.TIMEOUT;
      case RATE_LIMITED -> ErrorType.RATE_LIMIT;
      case CONTEXT_LENGTH_EXCEEDED, BAD_REQUEST -> ErrorType.INVALID_REQUEST;
      case CONTENT_FILTERED -> ErrorType.CONTENT_FILTER;
      case SERVER_ERROR -> ErrorType.API_ERROR;
      default -> ErrorType.UPSTREAM;
    };
  }

  private static String clientCode(FailureKind kind) {
    return switch (kind) {
      case CONNECT -> "upstream_unreachable";
      case CONNECTION_RESET -> "upstream_connection_reset";
      case TIMEOUT -> "upstream_timeout";
      case RATE_LIMITED -> "rate_limit_exceeded";
      case SERVER_ERROR -> "upstream_server_error";
      case PROTOCOL -> "upstream_protocol_error";
      case AUTHENTICATION -> "upstream_authentication_failed";
      case CONTEXT_LENGTH_EXCEEDED -> "context_length_exceeded";
      case CONTENT_FILTERED -> "content_filter";
      case NOT_FOUND -> "upstream_model_not_found";
      case BAD_REQUEST -> "upstream_bad_request";
      case CANCELLED -> "cancelled";
    };
  }
}
