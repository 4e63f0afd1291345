package dev.switchboard.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.server.Gateway;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gateway with governance on (admin key, master key), in front of a simulated OpenAI provider, sharing
 * PostgreSQL and (optionally) Redis with other nodes started with the same table prefix. Every response body a
 * test receives is printed, so that the leak test can search it.
 */
final class GovernedGateway implements AutoCloseable {
  static final String ADMIN_KEY = "admin-http-key-LEAKCANARY-0002";
  static final String PROVIDER_KEY = "sk-provider-LEAKCANARY-primary-0003";
  static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
      31, 32});
  static final String CONFIG = """
      server:
        port: 0
        admin_port: ${ADMIN_PORT}
        event_loops: 2
        client_idle_timeout_ms: 30000
        max_body_bytes: 65536
      providers:
        - name: primary
          type: openai
          base_url: ${SIM}/primary/v1
          api_key: %s
      models:
        - name: gpt-4o
          deployments:
            - provider: primary
              model: gpt-4o
      auth:
        keys:
          - key: sk-test-client-0001
            name: tests
      store:
        postgres:
          url: jdbc:postgresql://127.0.0.1:5432/test
          user: postgres
      %s
      governance:
        table_prefix: ${PREFIX}
        request_deadline_ms: 1500
        redis_timeout_ms: 10000
      """;

  final Vertx vertx;
  final SimulatorServer sims;
  final Gateway gateway;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private GovernedGateway(Vertx vertx, SimulatorServer sims, Gateway gateway) {
    this.vertx = vertx;
    this.sims = sims;
    this.gateway = gateway;
  }

  static String uniquePrefix() {
    return "sbh" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  /** {@code adminPort}: "0" for a separate ephemeral admin port, "null" to share the main port. */
  static GovernedGateway start(String prefix, boolean redis, String adminPort) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    SimulatorServer sims = new SimulatorServer(vertx, List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)));
    int simPort = sims.listen(0).await(10, TimeUnit.SECONDS);
    String cluster = redis ? "cluster:\n  redis:\n    url: redis://127.0.0.1:6379" : "";
    String yaml = String.format(CONFIG, PROVIDER_KEY, cluster);
    GatewayConfig config = new ConfigLoader(ProviderRegistry.builtIn().types(), Map.of(
        "SIM", "http://127.0.0.1:" + simPort, "PREFIX", prefix, "ADMIN_PORT", adminPort)).parse(yaml);
    Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY,
        "SWITCHBOARD_MASTER_KEY", MASTER_KEY);
    Gateway gateway = Gateway.start(vertx, config, Clock.system(), Randomness.system(), environment)
        .await(30, TimeUnit.SECONDS);
    return new GovernedGateway(vertx, sims, gateway);
  }

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Reply admin(String method, String path, String body) throws Exception {
    return send(gateway.adminBaseUrl(), method, path, ADMIN_KEY, body);
  }

  Reply chat(String key, String extraJson) throws Exception {
    return chatAsync(key, extraJson).get(30, TimeUnit.SECONDS);
  }

  CompletableFuture<Reply> chatAsync(String key, String extraJson) {
    String body = "{\"model\":\"gpt-4o\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]"
        + (extraJson == null ? "" : "," + extraJson) + "}";
    return sendAsync(gateway.baseUrl(), "POST", "/v1/chat/completions", key, body);
  }

  Reply send(String base, String method, String path, String key, String body) throws Exception {
    return sendAsync(base, method, path, key, body).get(30, TimeUnit.SECONDS);
  }

  CompletableFuture<Reply> sendAsync(String base, String method, String path, String key, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      System.out.println("response " + method + " " + path + " " + response.statusCode() + " " + response.body());
      JsonNode json = response.body().isEmpty() ? null : Json.parseTrusted(response.body());
      return new Reply(response.statusCode(), json, response);
    });
  }

  @Override
  public void close() throws Exception {
    gateway.close().await(15, TimeUnit.SECONDS);
    sims.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
