package dev.switchboard.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * One route of the gateway's HTTP surface.
 *
 * @param path an exact path, or a prefix ending in "/*"
 * @param authenticated whether the route requires a client or admin key (only health probes do not)
 */
public record Route(HttpMethod method, String path, boolean authenticated, Handler<HttpServerRequest> handler) {
  public boolean matchesPath(String requestPath) {
    if (path.endsWith("/*")) {
      String prefix = path.substring(0, path.length() - 1);
      return requestPath.startsWith(prefix) || requestPath.equals(prefix.substring(0, prefix.length() - 1));
    }
    return path.equals(requestPath);
  }
}
