package dev.switchboard.server;

import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.server.admin.ObservabilityEndpoints;
import dev.switchboard.server.endpoint.AdminEndpoint;
import dev.switchboard.server.endpoint.CacheAdminEndpoint;
import dev.switchboard.server.endpoint.HealthEndpoints;
import dev.switchboard.server.endpoint.ModelsEndpoint;
import dev.switchboard.server.endpoint.ProxyEndpoint;
import dev.switchboard.server.http.ErrorWriter;
import dev.switchboard.server.http.ResponseWriter;
import dev.switchboard.server.http.Route;
import dev.switchboard.server.http.Router;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Every admin route: cache, live health, usage, logs, prices, {@code /metrics}, and the governance API
 * ({@code /admin/*}, every method). They need the admin key, which the {@link Router} checks for all of them
 * before routing. On the main port they sit beside the client routes; with {@code server.admin_port} they are
 * served only on the admin port, which also answers the health probes.
 */
final class AdminRoutes {
  private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH,
      HttpMethod.PUT, HttpMethod.DELETE);

  private AdminRoutes() {}

  /** The admin routes, specific paths first and the governance catch-all last. */
  static List<Route> routes(GatewayServices services, Vertx vertx, ResponseWriter writer, ErrorWriter errors) {
    long maxBody = services.config().server().maxBodyBytes();
    List<Route> routes = new ArrayList<>();
    CacheAdminEndpoint cacheAdmin = new CacheAdminEndpoint(new ProxyEndpoint(Endpoint.ADMIN,
        PipelineAssembly.cacheAdminChain(services, vertx), writer, errors, services.clock(), maxBody),
        services.clock());
    routes.add(new Route(HttpMethod.GET, "/admin/cache", true, cacheAdmin));
    routes.add(new Route(HttpMethod.DELETE, "/admin/cache", true, cacheAdmin));
    ProxyEndpoint health = new ProxyEndpoint(Endpoint.MODELS, PipelineAssembly.adminHealthChain(services), writer,
        errors, services.clock(), maxBody, services.config().server().jsonMaxDepth());
    routes.add(new Route(HttpMethod.GET, "/admin/health", true, new ModelsEndpoint(health, services.clock())));
    routes.addAll(new ObservabilityEndpoints(services.observability(), vertx, services.clock(), errors).routes());
    if (services.governance() != null) {
      AdminEndpoint admin = new AdminEndpoint(services.governance().adminApi(), errors);
      for (HttpMethod method : METHODS) {
        routes.add(new Route(method, "/admin/*", true, admin));
      }
    }
    for (Route route : routes) {
      if (!Router.isAdminPath(route.path().replace("/*", ""))) {
        throw new IllegalStateException("admin route outside the admin paths: " + route.path());
      }
    }
    return routes;
  }

  /** The health probes, the only routes without authentication. */
  static List<Route> probes(BooleanSupplier ready) {
    return List.of(new Route(HttpMethod.GET, "/healthz", false, HealthEndpoints.liveness()),
        new Route(HttpMethod.GET, "/readyz", false, HealthEndpoints.readiness(ready)));
  }
}
