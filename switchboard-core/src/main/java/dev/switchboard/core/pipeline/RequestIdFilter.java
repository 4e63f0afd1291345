package dev.switchboard.core.pipeline;

import io.vertx.core.Future;

/** Echoes the request id on every response, short-circuited or not. */
public final class RequestIdFilter implements Filter {
  @Override
  public String name() {
    return "request-id";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    exchange.responseHeaders().set("x-request-id", exchange.requestId());
    return Verdict.proceed();
  }
}
