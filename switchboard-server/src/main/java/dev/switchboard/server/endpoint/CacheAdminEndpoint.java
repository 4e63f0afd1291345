package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.RequestIds;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /admin/cache} (statistics) and {@code DELETE /admin/cache?tenant=T&namespace=NAME | ?tenant=T&key=KEY}
 * (purge one tenant's answers): runs a short chain (request id, then the cache admin filter). The router has
 * checked the admin key.
 */
public final class CacheAdminEndpoint implements Handler<HttpServerRequest> {
  private final ProxyEndpoint runner;
  private final Clock clock;

  public CacheAdminEndpoint(ProxyEndpoint runner, Clock clock) {
    this.runner = runner;
    this.clock = clock;
  }

  @Override
  public void handle(HttpServerRequest request) {
    ObjectNode body = Json.object().put("method", request.method().name());
    String namespace = request.getParam("namespace");
    String key = request.getParam("key");
    String tenant = request.getParam("tenant");
    if (tenant != null) {
      body.put("tenant", tenant);
    }
    if (namespace != null) {
      body.put("namespace", namespace);
    }
    if (key != null) {
      body.put("key", key);
    }
    Exchange exchange = new Exchange(RequestIds.fromClientOrNew(request.getHeader("x-request-id")),
        clock.nanoTime(), clock.epochMillis(), Endpoint.ADMIN, Dialect.OPENAI, request.headers(), body);
    runner.run(request, exchange);
  }
}
