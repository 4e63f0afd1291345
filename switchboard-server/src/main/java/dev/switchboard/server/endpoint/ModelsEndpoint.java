package dev.switchboard.server.endpoint;

import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.RequestIds;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /v1/models}: runs a short chain (request id, auth, then the model list). */
public final class ModelsEndpoint implements Handler<HttpServerRequest> {
  private final ProxyEndpoint runner;
  private final Clock clock;

  public ModelsEndpoint(ProxyEndpoint runner, Clock clock) {
    this.runner = runner;
    this.clock = clock;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Exchange exchange = new Exchange(RequestIds.fromClientOrNew(request.getHeader("x-request-id")),
        clock.nanoTime(), clock.epochMillis(), Endpoint.MODELS, Dialect.OPENAI, request.headers(), Json.object());
    runner.run(request, exchange);
  }
}
