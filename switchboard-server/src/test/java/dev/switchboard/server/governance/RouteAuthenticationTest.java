package dev.switchboard.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.http.Route;
import dev.switchboard.server.http.Router;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Enumerates the router's routes (main port and, when separate, admin port) and asserts who may call each: the
 * health probes need nothing; every other route needs a credential; every admin route refuses a valid client key
 * (static or virtual) and accepts the admin key; every client route refuses the admin key.
 */
class RouteAuthenticationTest {
  private static final String STATIC_CLIENT_KEY = "sk-test-client-0001";

  @ParameterizedTest(name = "admin_port={0}")
  @ValueSource(strings = {"null", "0"})
  void everyRoute_requiresTheRightCredential_exceptHealthProbes(String adminPort) throws Exception {
    String prefix = GovernedGateway.uniquePrefix();
    try (GovernedGateway node = GovernedGateway.start(prefix, false, adminPort)) {
      String team = "team-" + prefix;
      assertThat(node.admin("POST", "/admin/teams", "{\"id\":\"" + team + "\"}").status()).isEqualTo(201);
      String virtualKey = node.admin("POST", "/admin/keys", "{\"name\":\"routes\",\"team\":\"" + team + "\"}")
          .body().path("key").asText();
      assertThat(virtualKey).isNotEmpty();
      List<String> checked = new ArrayList<>();
      check(node, node.gateway.baseUrl(), node.gateway.routes(), virtualKey, checked);
      check(node, node.gateway.adminBaseUrl(), node.gateway.adminRoutes(), virtualKey, checked);
      assertThat(checked).contains("POST /v1/chat/completions", "GET /v1/models", "GET /admin/health",
          "GET /admin/cache", "DELETE /admin/cache", "GET /admin/usage", "GET /admin/logs", "GET /admin/logs/tail",
          "DELETE /admin/keys", "GET /healthz");
    } finally {
      GovernanceHttpTest.dropTables(prefix);
    }
  }

  private static void check(GovernedGateway node, String base, List<Route> routes, String virtualKey,
      List<String> checked) throws Exception {
    for (Route route : routes) {
      String method = route.method().name();
      String path = route.path().endsWith("/*") ? route.path().replace("/*", "/keys") : route.path();
      String name = method + " " + path;
      boolean probe = path.equals("/healthz") || path.equals("/readyz");
      assertThat(route.authenticated()).as(name).isEqualTo(!probe);
      assertThat(status(node, base, method, path, null)).as(name + " without a key").isEqualTo(probe ? 200 : 401);
      if (probe) {
        checked.add(name);
        continue;
      }
      boolean admin = Router.isAdminPath(route.path().replace("/*", ""));
      if (admin) {
        assertThat(status(node, base, method, path, STATIC_CLIENT_KEY)).as(name + " with a client key")
            .isEqualTo(401);
        assertThat(status(node, base, method, path, virtualKey)).as(name + " with a virtual key").isEqualTo(401);
        assertThat(status(node, base, method, path, GovernedGateway.ADMIN_KEY)).as(name + " with the admin key")
            .isNotIn(401, 403).isLessThan(500);
      } else {
        assertThat(status(node, base, method, path, GovernedGateway.ADMIN_KEY)).as(name + " with the admin key")
            .isEqualTo(401);
        assertThat(status(node, base, method, path, virtualKey)).as(name + " with a virtual key")
            .isNotIn(401, 403).isLessThan(500);
      }
      checked.add(name);
    }
  }

  /** A valid body, so that the answer depends on the credential and not on validation. */
  private static String bodyFor(String path) {
    if (path.endsWith("/embeddings")) {
      return "{\"model\":\"gpt-4o\",\"input\":\"hello\"}";
    }
    if (path.endsWith("/completions") || path.endsWith("/messages")) {
      return "{\"model\":\"gpt-4o\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }
    return "{}";
  }

  /** The status only (the body is not awaited: {@code /admin/logs/tail} streams until closed). */
  private static int status(GovernedGateway node, String base, String method, String path, String key)
      throws Exception {
    boolean withBody = !method.equals("GET") && !method.equals("DELETE");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, withBody ? HttpRequest.BodyPublishers.ofString(bodyFor(path))
            : HttpRequest.BodyPublishers.noBody());
    if (withBody) {
      request.header("content-type", "application/json").header("anthropic-version", "2023-06-01");
    }
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    HttpResponse<InputStream> response = node.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }
}
