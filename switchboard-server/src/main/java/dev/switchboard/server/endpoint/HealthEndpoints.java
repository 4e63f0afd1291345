package dev.switchboard.server.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** Liveness ({@code /healthz}) and readiness ({@code /readyz}: false while starting or draining). */
public final class HealthEndpoints {
  private HealthEndpoints() {}

  public static Handler<HttpServerRequest> liveness() {
    return request -> request.response().putHeader("content-type", "application/json")
        .end("{\"status\":\"ok\"}");
  }

  public static Handler<HttpServerRequest> readiness(BooleanSupplier ready) {
    return request -> {
      boolean isReady = ready.getAsBoolean();
      request.response().setStatusCode(isReady ? 200 : 503).putHeader("content-type", "application/json")
          .end(isReady ? "{\"status\":\"ready\"}" : "{\"status\":\"not_ready\"}");
    };
  }
}
