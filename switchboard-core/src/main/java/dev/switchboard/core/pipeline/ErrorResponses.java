package dev.switchboard.core.pipeline;

/** Turns a {@link GatewayException} into a response and notes it on the exchange's record. */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static GatewayResponse.Full toResponse(Exchange exchange, GatewayException error) {
    exchange.record().errorType = error.type();
    exchange.record().errorCode = error.code();
    if (error.retryAfterSeconds() >= 0) {
      exchange.responseHeaders().set("retry-after", Long.toString(error.retryAfterSeconds()));
    }
    return new GatewayResponse.Full(error.status(), error.toBody());
  }
}
