package dev.switchboard.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.server.GatewayHarness;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cost headers, the request log, usage queries, the live tail and /metrics through a running gateway. */
class ObservabilityEndpointsTest {
  private static final String ADMIN_KEY = "sb-admin-test-key-0001";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static GatewayHarness harness;
  private static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("sb-observe");
    String config = GatewayHarness.STANDARD_CONFIG
        .replace("      name: tests\n", "      name: tests\n      team: platform\n")
        + "store:\n  data_dir: " + dataDir + "\n"
        + "observability:\n  admin_key: " + ADMIN_KEY + "\n  request_log:\n    flush_interval_ms: 10\n";
    harness = GatewayHarness.start(List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null),
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)), config);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static HttpResponse<String> chat(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/chat/completions"))
        .header("authorization", "Bearer " + GatewayHarness.CLIENT_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + path))
        .timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void chat_wholeResponse_carriesCostHeader_andIsLoggedAndTotalled() throws Exception {
    HttpResponse<String> response = chat("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"cost me\"}]}");
    assertThat(response.statusCode()).isEqualTo(200);
    String cost = response.headers().firstValue("x-switchboard-cost-usd").orElseThrow();
    assertThat(Double.parseDouble(cost)).isGreaterThan(0);
    String requestId = response.headers().firstValue("x-request-id").orElseThrow();
    assertThat(harness.gateway().services().observability().log().awaitIdle(10_000)).isTrue();

    JsonNode record = Json.parse(get("/admin/logs/" + requestId, ADMIN_KEY).body());
    assertThat(record.path("team").asText()).isEqualTo("platform");
    assertThat(record.path("provider").asText()).isEqualTo("primary");
    assertThat(record.path("status").asInt()).isEqualTo(200);
    assertThat(record.path("cost_usd").asDouble()).isEqualTo(Double.parseDouble(cost));

    JsonNode usage = Json.parse(get("/admin/usage?group_by=team,model", ADMIN_KEY).body());
    JsonNode platform = usage.path("data").get(0);
    assertThat(platform.path("team").asText()).isEqualTo("platform");
    assertThat(platform.path("requests").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(usage.path("totals").path("cost_usd").asDouble()).isGreaterThan(0);
  }

  @Test
  void stream_withIncludeUsage_getsCostInTheUsageChunk() throws Exception {
    HttpResponse<String> response = chat("{\"model\":\"gpt-4o\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"stream\"}]}");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode usageChunk = null;
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode chunk = Json.parse(line.substring(6));
        if (chunk.path("usage").isObject()) {
          usageChunk = chunk;
        }
      }
    }
    assertThat(usageChunk).isNotNull();
    assertThat(usageChunk.path("usage").path("cost_usd").asDouble()).isGreaterThan(0);
  }

  @Test
  void adminRoutes_withoutTheAdminKey_areRefused() throws Exception {
    assertThat(get("/admin/usage", null).statusCode()).isEqualTo(401);
    assertThat(get("/admin/logs", GatewayHarness.CLIENT_KEY).statusCode()).isEqualTo(401);
    assertThat(get("/admin/usage?group_by=colour", ADMIN_KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void metrics_exposeRequestsAndCost() throws Exception {
    chat("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"metrics\"}]}");
    assertThat(harness.gateway().services().observability().log().awaitIdle(10_000)).isTrue();
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    HttpResponse<String> metrics = get("/metrics", ADMIN_KEY);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("switchboard_requests_total{").contains("switchboard_cost_usd_total{")
        .contains("switchboard_in_flight_requests");
  }

  @Test
  void tail_streamsEachFinishedRequest() throws Exception {
    HttpResponse<java.io.InputStream> tail = HTTP.send(HttpRequest.newBuilder(
        URI.create(harness.baseUrl() + "/admin/logs/tail?team=platform"))
        .header("authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(tail.statusCode()).isEqualTo(200);
    BufferedReader reader = new BufferedReader(new InputStreamReader(tail.body(), StandardCharsets.UTF_8));
    assertThat(reader.readLine()).startsWith(": tail");
    CompletableFuture<String> requestId = new CompletableFuture<>();
    CompletableFuture<JsonNode> event = CompletableFuture.supplyAsync(() -> {
      try {
        String id = requestId.get(20, TimeUnit.SECONDS);
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("data: ")) {
            JsonNode row = Json.parse(line.substring(6));
            if (row.path("request_id").asText().equals(id)) {
              return row;
            }
          }
        }
        return null;
      } catch (Exception e) {
        return null;
      }
    });
    HttpResponse<String> response = chat("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"tail me\"}]}");
    requestId.complete(response.headers().firstValue("x-request-id").orElseThrow());
    JsonNode row = event.get(20, TimeUnit.SECONDS);
    assertThat(row).as("the tail delivered the request's record").isNotNull();
    assertThat(row.path("team").asText()).isEqualTo("platform");
    tail.body().close();
  }
}
