package dev.switchboard.server.http;

import dev.switchboard.core.governance.AdminAuthenticator;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A small exact-match router: the gateway has a handful of routes, so a list scan beats a general router. Unknown
 * paths get 404 and known paths with another method get 405, both as OpenAI-shaped errors.
 *
 * <p>Admin paths ({@code /admin}, {@code /admin/...} and {@code /metrics}) are checked here, before any route is
 * looked up, by the one {@link AdminAuthenticator}: no admin handler can be reached without the admin key, a client
 * key never opens one, and an unknown admin path answers 401 rather than revealing which routes exist.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();
  private final ErrorWriter errors;
  private final AdminAuthenticator admin;

  /** A router whose admin paths are all refused (the admin API is disabled). */
  public Router(ErrorWriter errors) {
    this(errors, AdminAuthenticator.disabled());
  }

  public Router(ErrorWriter errors, AdminAuthenticator admin) {
    this.errors = errors;
    this.admin = admin;
  }

  /** True for the paths that need the admin key rather than a client key. */
  public static boolean isAdminPath(String path) {
    return path.equals("/admin") || path.startsWith("/admin/") || path.equals("/metrics");
  }

  public Router add(Route route) {
    routes.add(route);
    return this;
  }

  /** Every route, for audits (e.g. asserting that each one requires authentication). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public void handle(HttpServerRequest request) {
    String path = normalise(request.path());
    if (isAdminPath(path)) {
      GatewayException refused = admin.refusal(request.getHeader("authorization"));
      if (refused != null) {
        errors.write(request, null, refused);
        return;
      }
    }
    boolean pathKnown = false;
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (route.matchesPath(path)) {
        if (route.method() == request.method()) {
          route.handler().handle(request);
          return;
        }
        pathKnown = true;
      }
    }
    GatewayException error = pathKnown
        ? GatewayException.methodNotAllowed(request.method().name(), path)
        : GatewayException.routeNotFound(request.method().name(), path);
    errors.write(request, null, error);
  }

  private static String normalise(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    if (path.length() > 1 && path.endsWith("/")) {
      return path.substring(0, path.length() - 1);
    }
    return path;
  }
}
