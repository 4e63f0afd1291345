package dev.switchboard.core.spi;

/** Why an upstream attempt failed; drives retry, failover, key cooling and the client-facing status. */
public enum FailureKind {
  /** Could not connect (refused, DNS, TLS). Retryable; nothing reached the provider. */
  CONNECT(true),
  /** The connection broke before a complete answer. Retryable. */
  CONNECTION_RESET(true),
  /** No answer within the deadline. Retryable. */
  TIMEOUT(true),
  /** 429 from the provider. Retryable on another key or deployment. */
  RATE_LIMITED(true),
  /** 5xx from the provider, 408 or 409. Retryable. */
  SERVER_ERROR(true),
  /** The provider answered something we cannot parse. Retryable elsewhere. */
  PROTOCOL(true),
  /** 401/402/403: the gateway's credentials were rejected. Another key or deployment may work. */
  AUTHENTICATION(true),
  /** The prompt is too long for this deployment; a larger-context deployment may take it. */
  CONTEXT_LENGTH_EXCEEDED(true),
  /** The provider refused the content. */
  CONTENT_FILTERED(false),
  /** The provider does not know the model. */
  NOT_FOUND(true),
  /** Any other 4xx: the request itself is wrong; retrying will not help. */
  BAD_REQUEST(false),
  /** The client went away or a hedge won; not an error of the provider. */
  CANCELLED(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether another attempt (same or other deployment) may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether this failure says something about the deployment's health (for breakers and ejection). */
  public boolean countsAgainstHealth() {
    return this == CONNECT || this == CONNECTION_RESET || this == TIMEOUT || this == SERVER_ERROR
        || this == PROTOCOL;
  }
}
