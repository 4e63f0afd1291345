package dev.switchboard.server.http;

import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Writes OpenAI-shaped errors for requests that never reached the chain (routing, body size, JSON). */
public final class ErrorWriter {
  public void write(HttpServerRequest request, MultiMap extraHeaders, GatewayException error) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(error.status());
    if (extraHeaders != null) {
      response.headers().addAll(extraHeaders);
    }
    if (error.retryAfterSeconds() >= 0) {
      response.putHeader("retry-after", Long.toString(error.retryAfterSeconds()));
    }
    if (error.status() == 405) {
      response.putHeader("allow", allowedFor(request.path()));
    }
    response.putHeader("content-type", "application/json");
    response.end(Buffer.buffer(Json.write(error.toBody())));
  }

  private static String allowedFor(String path) {
    return path.startsWith("/v1/models") || path.startsWith("/healthz") || path.startsWith("/readyz") ? "GET"
        : "POST";
  }
}
