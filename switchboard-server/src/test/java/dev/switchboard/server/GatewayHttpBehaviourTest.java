package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import dev.switchboard.sim.SimulatedProvider;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP-level behaviour the SDKs do not show: methods, malformed bodies, pass-through, cancellation, h2c. */
class GatewayHttpBehaviourTest {
  private static GatewayHarness harness;
  private static HttpClientAgent http;

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.start(List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null),
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)),
        GatewayHarness.STANDARD_CONFIG.replace("server:\n  port: 0\n", "server:\n  port: 0\n  http2_cleartext: true\n"));
    http = harness.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @AfterEach
  void heal() {
    harness.sims().providers().forEach(SimulatedProvider::heal);
    harness.gateway().services().routing().resetHealth();
  }

  record Reply(int status, MultiMap headers, String body) {
    JsonNode json() throws Exception {
      return Json.parse(body);
    }
  }

  private Reply send(HttpMethod method, String path, String body, boolean authenticated) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(harness.baseUrl() + path);
    if (authenticated) {
      options.putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY);
    }
    options.putHeader("content-type", "application/json");
    // The exchange runs on an event loop, as the gateway's own calls do, not on the test thread.
    return OnLoop.await(harness.vertx(), () -> http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), response.headers(),
            b.toString()))), 10);
  }

  private static String chat(String model, String extra) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
  }

  @Test
  void wrongMethod_is405WithAllowHeader() throws Exception {
    Reply reply = send(HttpMethod.GET, "/v1/chat/completions", null, true);
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers().get("allow")).isEqualTo("POST");
    assertThat(reply.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void unknownPath_is404Json() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/nothing-here", "{}", true);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("error").path("code").asText()).isEqualTo("unknown_url");
  }

  @Test
  void malformedJson_is400InvalidJson() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", "{\"model\": \"gpt-4o\", ", true);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("code").asText()).isEqualTo("invalid_json");
    assertThat(reply.body()).doesNotContain("at [Source").doesNotContain("Exception");
  }

  @Test
  void bodyNotAnObject_is400() throws Exception {
    assertThat(send(HttpMethod.POST, "/v1/chat/completions", "[1,2]", true).status()).isEqualTo(400);
  }

  @Test
  void deeplyNestedJson_is400() throws Exception {
    String deep = "[".repeat(200) + "]".repeat(200);
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("gpt-4o", ",\"x\":" + deep), true);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("message").asText()).contains("nested too deeply");
  }

  @Test
  void nestingBeyondServerJsonMaxDepth_is400() throws Exception {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("gpt-4o", ",\"x\":" + deep), true);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("message").asText()).contains("at most 32 levels");
  }

  @Test
  void missingMessages_is400NamingTheParameter() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", "{\"model\":\"gpt-4o\"}", true);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("param").asText()).isEqualTo("messages");
  }

  @Test
  void invalidRole_is400NamingTheMessage() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"robot\"}]}", true);
    assertThat(reply.json().path("error").path("param").asText()).isEqualTo("messages[1].role");
  }

  @Test
  void noKey_is401AndStillCarriesRequestId() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("gpt-4o", ""), false);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.headers().get("x-request-id")).startsWith("req_");
  }

  @Test
  void healthProbes_needNoKey() throws Exception {
    assertThat(send(HttpMethod.GET, "/healthz", null, false).status()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/readyz", null, false).status()).isEqualTo(200);
  }

  @Test
  void everyRouteButHealthProbes_requiresAuthentication() {
    assertThat(harness.gateway().routes()).isNotEmpty().allSatisfy(route -> {
      if (!route.path().equals("/healthz") && !route.path().equals("/readyz")) {
        assertThat(route.authenticated()).as(route.path()).isTrue();
      }
    });
  }

  @Test
  void unknownFields_passThroughUnchanged_andGatewayExtensionIsRemoved() throws Exception {
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("solo",
        ",\"logit_bias\":{\"50256\":-100},\"vendor_extra\":{\"nested\":[1,2,{\"k\":\"v\"}]},"
            + "\"switchboard\":{\"strategy\":\"priority\"}"), true);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode sent = Json.parse(harness.sims().provider("primary").lastRequestBody());
    assertThat(sent.path("vendor_extra").toString()).isEqualTo("{\"nested\":[1,2,{\"k\":\"v\"}]}");
    assertThat(sent.path("logit_bias").path("50256").asInt()).isEqualTo(-100);
    assertThat(sent.has("switchboard")).isFalse();
    assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void clientRequestId_isEchoedWhenSafe() throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(harness.baseUrl()
        + "/v1/models").putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY)
        .putHeader("x-request-id", "trace-abc_123");
    String echoed = http.request(options).compose(r -> r.send()).map(r -> r.getHeader("x-request-id"))
        .await(5, TimeUnit.SECONDS);
    assertThat(echoed).isEqualTo("trace-abc_123");
  }

  @Test
  void streamCutMidway_endsWithAnErrorEventAndNoDone() throws Exception {
    harness.sims().provider("primary").fault(Fault.cutStream(4));
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("solo", ",\"stream\":true"), true);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("\"delta\"");
    assertThat(reply.body()).contains("data: {\"error\":{");
    assertThat(reply.body()).doesNotContain("[DONE]");
  }

  @Test
  void streamFailingBeforeFirstChunk_failsOverTransparently() throws Exception {
    harness.sims().provider("primary").fault(Fault.cutStream(0));
    Reply reply = send(HttpMethod.POST, "/v1/chat/completions", chat("gpt-4o", ",\"stream\":true"), true);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("x-switchboard-provider")).isEqualTo("backup");
    assertThat(reply.body()).endsWith("data: [DONE]\n\n").doesNotContain("error");
  }

  @Test
  void clientDisconnectMidStream_cancelsTheUpstreamRequest() throws Exception {
    SimulatedProvider primary = harness.sims().provider("primary");
    primary.fault(Fault.slow(100));
    long before = primary.abandonedCount();
    CompletableFuture<Void> firstBytes = new CompletableFuture<>();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(harness.baseUrl() + "/v1/chat/completions")
        .putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY);
    HttpClientResponse response = http.request(options).compose(r -> r.send(chat("solo", ",\"stream\":true")))
        .await(5, TimeUnit.SECONDS);
    response.handler(bytes -> firstBytes.complete(null));
    firstBytes.get(5, TimeUnit.SECONDS);
    response.request().connection().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (primary.abandonedCount() == before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(primary.abandonedCount()).isGreaterThan(before);
  }

  @Test
  void http2CleartextWithPriorKnowledge_isServed() throws Exception {
    HttpClientAgent h2 = harness.vertx().createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(harness.baseUrl() + "/v1/chat/completions")
        .putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY);
    Buffer body = h2.request(options).compose(r -> r.send(chat("solo", "")).compose(resp -> {
      assertThat(resp.version()).isEqualTo(HttpVersion.HTTP_2);
      return resp.body();
    })).await(5, TimeUnit.SECONDS);
    assertThat(Json.parse(body.getBytes()).path("choices").size()).isEqualTo(1);
    h2.close();
  }
}
