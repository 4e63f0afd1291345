package dev.switchboard.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.governance.GovernanceStore;
import dev.switchboard.core.store.Database;
import dev.switchboard.server.http.Route;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One governed gateway with a separate admin port, single node (SQL store on PostgreSQL, local limits). */
class GovernanceHttpTest {
  private static final String PREFIX = GovernedGateway.uniquePrefix();
  private static GovernedGateway node;

  @BeforeAll
  static void start() throws Exception {
    node = GovernedGateway.start(PREFIX, false, "0");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    dropTables(PREFIX);
  }

  static void dropTables(String prefix) throws Exception {
    Database database = Database.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, "cleanup");
    new GovernanceStore(database, prefix).dropTables().await(30, TimeUnit.SECONDS);
    database.close();
  }

  @Test
  void everyRouteOnBothPorts_withoutCredentials_is401_exceptHealthProbes() throws Exception {
    List<String> checked = new ArrayList<>();
    checkRoutes(node.gateway.baseUrl(), node.gateway.routes(), checked);
    checkRoutes(node.gateway.adminBaseUrl(), node.gateway.adminRoutes(), checked);
    assertThat(checked).contains("POST /v1/chat/completions", "GET /v1/models", "DELETE /admin/keys");
    assertThat(node.gateway.adminRoutes()).isNotEmpty();
  }

  private static void checkRoutes(String base, List<Route> routes, List<String> checked) throws Exception {
    for (Route route : routes) {
      String path = route.path().endsWith("/*") ? route.path().replace("/*", "/keys") : route.path();
      String body = route.method().name().equals("GET") || route.method().name().equals("DELETE") ? null : "{}";
      int status = node.send(base, route.method().name(), path, null, body).status();
      boolean probe = path.equals("/healthz") || path.equals("/readyz");
      assertThat(status).as(route.method() + " " + path).isEqualTo(probe ? 200 : 401);
      assertThat(route.authenticated()).as(route.method() + " " + path).isEqualTo(!probe);
      checked.add(route.method().name() + " " + path);
    }
  }

  @Test
  void adminApi_isOnlyOnTheAdminPort() throws Exception {
    assertThat(node.send(node.gateway.baseUrl(), "GET", "/admin/keys", GovernedGateway.ADMIN_KEY, null).status())
        .isEqualTo(404);
    assertThat(node.admin("GET", "/admin/keys", null).status()).isEqualTo(200);
    assertThat(node.send(node.gateway.adminBaseUrl(), "POST", "/v1/chat/completions", "sk-test-client-0001", "{}")
        .status()).isEqualTo(404);
  }

  @Test
  void virtualKey_limitsHeadersBudgetSpendAndRevocation_overHttp() throws Exception {
    String team = "team-" + PREFIX;
    assertThat(node.admin("POST", "/admin/teams", "{\"id\":\"" + team + "\"}").status()).isEqualTo(201);
    GovernedGateway.Reply created = node.admin("POST", "/admin/keys", "{\"name\":\"web\",\"team\":\"" + team
        + "\",\"limits\":{\"requests_per_minute\":3},\"budgets\":[{\"window\":\"daily\",\"max_usd\":5}]}");
    String key = created.body().path("key").asText();
    String id = created.body().path("id").asText();

    GovernedGateway.Reply first = node.chat(key, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("x-ratelimit-limit-requests")).isEqualTo("3");
    assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("2");
    node.chat(key, null);
    node.chat(key, null);
    GovernedGateway.Reply limited = node.chat(key, null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("retry-after")).isNotNull();
    assertThat(limited.body().path("error").path("type").asText()).isEqualTo("rate_limit_error");

    GovernedGateway.Reply spend = node.admin("GET", "/admin/keys/" + id + "/spend", null);
    assertThat(spend.body().path("budgets").get(0).path("spent_usd").asDouble()).isPositive();

    node.admin("POST", "/admin/keys/" + id + "/revoke", null);
    assertThat(node.chat(key, null).status()).isEqualTo(401);
  }

  @Test
  void clientSuppliedUpstreamUrl_isRefusedOnEveryProxyRoute() throws Exception {
    GovernedGateway.Reply body = node.chat("sk-test-client-0001", "\"api_base\":\"http://169.254.169.254/latest\"");
    assertThat(body.status()).isEqualTo(403);
    assertThat(body.body().path("error").path("code").asText()).isEqualTo("upstream_url_refused");
    String embeddings = "{\"model\":\"gpt-4o\",\"input\":\"x\",\"base_url\":\"http://127.0.0.1:22\"}";
    assertThat(node.send(node.gateway.baseUrl(), "POST", "/v1/embeddings", "sk-test-client-0001", embeddings)
        .status()).isEqualTo(403);
  }

  @Test
  void headerWithControlCharacter_isRejected() throws Exception {
    String response = raw(node.gateway.port(), "GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + "sk-test-client-0001\r\nX-Note: a\u0000b\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
  }

  @Test
  void slowClient_tricklingItsBody_connectionIsClosedAtTheRequestDeadline() throws Exception {
    try (Socket trickle = new Socket("127.0.0.1", node.gateway.port())) {
      trickle.setSoTimeout(20_000);
      OutputStream out = trickle.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-test-client-0001\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      boolean closed = false;
      for (int i = 0; i < 150 && !closed; i++) {
        try {
          out.write(' ');
          out.flush();
          Thread.sleep(100);
          closed = trickle.getInputStream().available() > 0 && drainedToEnd(trickle.getInputStream());
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      assertThat(closed).isTrue();
    }
  }

  private static boolean drainedToEnd(InputStream in) throws java.io.IOException {
    byte[] buffer = new byte[4096];
    while (true) {
      if (in.read(buffer) < 0) {
        return true;
      }
    }
  }

  private static String raw(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      byte[] buffer = new byte[4096];
      int read = socket.getInputStream().read(buffer);
      String text = read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
      System.out.println("raw response " + text.replace("\r\n", " | "));
      return text;
    }
  }

  @Test
  void concurrentRequests_budgetReservation_spendStaysWithinOneRequest() throws Exception {
    GovernedGateway.Reply key = node.admin("POST", "/admin/keys",
        "{\"budgets\":[{\"window\":\"total\",\"max_usd\":0.01}]}");
    String created = key.body().path("key").asText();
    List<CompletableFuture<GovernedGateway.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      replies.add(node.chatAsync(created, null));
    }
    int ok = 0;
    int refused = 0;
    double oneRequest = 0;
    for (CompletableFuture<GovernedGateway.Reply> reply : replies) {
      GovernedGateway.Reply r = reply.get(60, TimeUnit.SECONDS);
      if (r.status() == 200) {
        ok++;
        var usage = r.body().path("usage");
        oneRequest = Math.max(oneRequest, (usage.path("prompt_tokens").asLong() * 5.0
            + usage.path("completion_tokens").asLong() * 15.0) / 1_000_000);
      } else if (r.status() == 429) {
        refused++;
        assertThat(r.body().path("error").path("type").asText()).isEqualTo("budget_exceeded");
      }
    }
    String spendPath = "/admin/keys/" + key.body().path("id").asText() + "/spend";
    double spent = 0;
    for (int i = 0; i < 50 && spent < ok * oneRequest * 0.99; i++) {
      spent = node.admin("GET", spendPath, null).body().path("budgets").get(0).path("spent_usd").asDouble();
      Thread.sleep(20);
    }
    System.out.println("budget under 200 concurrent requests: ok=" + ok + " refused=" + refused
        + " one_request_usd=" + oneRequest + " spent_usd=" + spent);
    assertThat(ok + refused).isEqualTo(200);
    assertThat(refused).isPositive();
    assertThat(spent).isPositive().isLessThanOrEqualTo(0.01 + oneRequest);
  }
}
