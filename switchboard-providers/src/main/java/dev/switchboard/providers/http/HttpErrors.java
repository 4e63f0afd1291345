package dev.switchboard.providers.http;

import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;

/** The default mapping from a provider's HTTP status to a failure kind, refined by each provider's errors class. */
public final class HttpErrors {
  private HttpErrors() {}

  public static FailureKind kindFor(int status) {
    if (status == 429) {
      return FailureKind.RATE_LIMITED;
    }
    if (status == 408 || status == 409 || status >= 500) {
      return FailureKind.SERVER_ERROR;
    }
    if (status == 401 || status == 402 || status == 403) {
      return FailureKind.AUTHENTICATION;
    }
    if (status == 404) {
      return FailureKind.NOT_FOUND;
    }
    return FailureKind.BAD_REQUEST;
  }

  /** A client-safe error for a provider's non-2xx answer; {@code providerMessage} is scrubbed here. */
  public static UpstreamException error(String providerName, int status, FailureKind kind, String providerMessage,
      long retryAfterMillis) {
    String message = switch (kind) {
      case AUTHENTICATION -> "The provider '" + providerName + "' rejected the gateway's credentials (HTTP "
          + status + ").";
      case NOT_FOUND -> "The provider '" + providerName + "' does not know the requested model (HTTP 404).";
      default -> {
        String detail = SecretScrubber.scrub(providerMessage);
        yield "The provider '" + providerName + "' returned HTTP " + status
            + (detail == null || detail.isBlank() ? "." : ": " + detail);
      }
    };
    return new UpstreamException(kind, status, message, retryAfterMillis);
  }
}
