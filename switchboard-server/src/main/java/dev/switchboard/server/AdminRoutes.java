package dev.switchboard.server;

import dev.switchboard.server.endpoint.AdminEndpoint;
import dev.switchboard.server.endpoint.HealthEndpoints;
import dev.switchboard.server.http.ErrorWriter;
import dev.switchboard.server.http.Route;
import dev.switchboard.server.http.Router;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The admin API's HTTP routes ({@code /admin/*}, every method). On the main port they sit beside the client
 * routes; with {@code server.admin_port} they are served only on the admin port, which also answers the health
 * probes (pass {@code ready}).
 */
final class AdminRoutes {
  private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH,
      HttpMethod.PUT, HttpMethod.DELETE);

  private AdminRoutes() {}

  static Router addTo(Router router, GatewayServices services, BooleanSupplier ready) {
    if (services.governance() != null) {
      AdminEndpoint admin = new AdminEndpoint(services.governance().adminApi(), new ErrorWriter());
      for (HttpMethod method : METHODS) {
        router.add(new Route(method, "/admin/*", true, admin));
      }
    }
    if (ready != null) {
      router.add(new Route(HttpMethod.GET, "/healthz", false, HealthEndpoints.liveness()));
      router.add(new Route(HttpMethod.GET, "/readyz", false, HealthEndpoints.readiness(ready)));
    }
    return router;
  }
}
