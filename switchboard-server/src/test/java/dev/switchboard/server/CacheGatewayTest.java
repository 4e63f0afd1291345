package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The response cache end to end: gateway on loopback, OpenAI simulator upstream. */
class CacheGatewayTest {
  private static GatewayHarness harness;
  private static HttpClientAgent http;
  private static final String ADMIN_KEY = "cache-admin-key-0123456789";
  private static SimulatedProvider upstream;

  @BeforeAll
  static void start() throws Exception {
    upstream = new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null);
    String config = GatewayHarness.STANDARD_CONFIG.replace("cache:\n  enabled: false\n", "cache:\n  enabled: true\n")
        + "observability:\n  admin_key: " + ADMIN_KEY + "\n";
    harness = GatewayHarness.start(List.of(upstream,
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)), config);
    http = harness.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  record Reply(int status, MultiMap headers, String body) {
    JsonNode json() throws Exception {
      return Json.parse(body);
    }
  }

  private static Reply send(HttpMethod method, String path, String body, String... headers) throws Exception {
    return send(GatewayHarness.CLIENT_KEY, method, path, body, headers);
  }

  private static Reply send(String key, HttpMethod method, String path, String body, String... headers)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(harness.baseUrl() + path);
    options.putHeader("authorization", "Bearer " + key);
    options.putHeader("content-type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      options.putHeader(headers[i], headers[i + 1]);
    }
    return OnLoop.await(harness.vertx(), () -> http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), response.headers(),
            b.toString()))), 10);
  }

  private static String chat(String question, boolean stream) {
    return "{\"model\":\"gpt-4o\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"" + question
        + "\"}]" + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
  }

  @Test
  void sameQuestionTwice_secondIsHit_upstreamCalledOnce() throws Exception {
    long before = upstream.requestCount();
    Reply first = send(HttpMethod.POST, "/v1/chat/completions", chat("Name three rivers.", false));
    Reply second = send(HttpMethod.POST, "/v1/chat/completions",
        "{ \"messages\": [ {\"content\": \"Name three rivers.\", \"role\": \"user\"} ], \"temperature\": 0.0,"
            + " \"model\": \"gpt-4o\" }");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().get("x-switchboard-cache")).isEqualTo("miss");
    assertThat(second.headers().get("x-switchboard-cache")).isEqualTo("hit");
    assertThat(second.json().path("choices")).isEqualTo(first.json().path("choices"));
    assertThat(upstream.requestCount() - before).isEqualTo(1);
  }

  @Test
  void streamedAnswer_replayedAsSse_sameText() throws Exception {
    Reply first = send(HttpMethod.POST, "/v1/chat/completions", chat("Describe the sea.", true));
    Reply replay = send(HttpMethod.POST, "/v1/chat/completions", chat("Describe the sea.", true));
    Reply whole = send(HttpMethod.POST, "/v1/chat/completions", chat("Describe the sea.", false));
    assertThat(first.headers().get("x-switchboard-cache")).isEqualTo("miss");
    assertThat(replay.headers().get("x-switchboard-cache")).isEqualTo("hit");
    assertThat(text(replay.body())).isEqualTo(text(first.body())).isNotEmpty();
    assertThat(replay.body()).contains("data: [DONE]");
    assertThat(whole.headers().get("x-switchboard-cache")).isEqualTo("hit");
    assertThat(whole.json().path("choices").path(0).path("message").path("content").asText())
        .isEqualTo(text(first.body()));
  }

  @Test
  void adminCache_statsAndPurge() throws Exception {
    send(HttpMethod.POST, "/v1/chat/completions", chat("Count to five.", false),
        "x-switchboard-cache-namespace", "purge-me");
    assertThat(send(HttpMethod.GET, "/admin/cache", null).status()).isEqualTo(401);
    Reply stats = send(ADMIN_KEY, HttpMethod.GET, "/admin/cache", null);
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().path("stores").asLong()).isPositive();
    Reply otherTenant = send(ADMIN_KEY, HttpMethod.DELETE, "/admin/cache?tenant=team:other&namespace=purge-me", null);
    assertThat(otherTenant.json().path("purged").asLong()).isZero();
    Reply purge = send(ADMIN_KEY, HttpMethod.DELETE, "/admin/cache?tenant=key:static:tests&namespace=purge-me",
        null);
    assertThat(purge.json().path("purged").asLong()).isEqualTo(1);
    Reply again = send(HttpMethod.POST, "/v1/chat/completions", chat("Count to five.", false),
        "x-switchboard-cache-namespace", "purge-me");
    assertThat(again.headers().get("x-switchboard-cache")).isEqualTo("miss");
  }

  @Test
  void anthropicClient_streamReplayedAsAnthropicEvents_sameTextAndUsage() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"max_tokens\":200,\"temperature\":0,\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Describe a lighthouse.\"}]}";
    Reply first = send(HttpMethod.POST, "/v1/messages", body, "anthropic-version", "2023-06-01");
    Reply replay = send(HttpMethod.POST, "/v1/messages", body, "anthropic-version", "2023-06-01");
    Reply whole = send(HttpMethod.POST, "/v1/messages", body.replace("\"stream\":true,", ""),
        "anthropic-version", "2023-06-01");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().get("x-switchboard-cache")).isEqualTo("miss");
    assertThat(replay.headers().get("x-switchboard-cache")).isEqualTo("hit");
    assertThat(replay.body()).contains("event: message_start").contains("event: message_stop");
    assertThat(anthropicText(replay.body())).isEqualTo(anthropicText(first.body())).isNotEmpty();
    assertThat(anthropicUsage(replay.body())).isEqualTo(anthropicUsage(first.body()));
    assertThat(anthropicUsage(first.body())[1]).as("output tokens reported").isPositive();
    assertThat(whole.headers().get("x-switchboard-cache")).isEqualTo("hit");
    assertThat(whole.json().path("content").path(0).path("text").asText()).isEqualTo(anthropicText(first.body()));
  }

  /** Input tokens (message_start) and output tokens (the last message_delta) of an Anthropic event stream. */
  private static long[] anthropicUsage(String sse) throws Exception {
    long[] usage = new long[2];
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode event = Json.parse(line.substring(6));
        String type = event.path("type").asText();
        if ("message_start".equals(type)) {
          usage[0] = event.path("message").path("usage").path("input_tokens").asLong();
        } else if ("message_delta".equals(type) && event.path("usage").has("output_tokens")) {
          usage[1] = event.path("usage").path("output_tokens").asLong();
        }
      }
    }
    return usage;
  }

  private static String anthropicText(String sse) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode event = Json.parse(line.substring(6));
        if ("content_block_delta".equals(event.path("type").asText())) {
          text.append(event.path("delta").path("text").asText(""));
        }
      }
    }
    return text.toString();
  }

  private static String text(String sse) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode chunk = Json.parse(line.substring(6));
        text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
      }
    }
    return text.toString();
  }
}
