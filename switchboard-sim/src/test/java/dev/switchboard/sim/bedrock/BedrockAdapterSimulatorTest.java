package dev.switchboard.sim.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.vertx.EventLoops;
import dev.switchboard.core.spi.Cancellation;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.time.ManualClock;
import dev.switchboard.providers.bedrock.AwsCredentials;
import dev.switchboard.providers.bedrock.BedrockParameterPolicy;
import dev.switchboard.providers.bedrock.SigV4Signer;
import dev.switchboard.providers.bedrock.BedrockProviderFactory;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Bedrock adapter against the Bedrock simulator on loopback: signing, framing, translation, faults. */
class BedrockAdapterSimulatorTest {
  private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  private static Vertx vertx;
  private static SimulatorServer server;
  private static SimulatedProvider provider;
  private static int port;
  private final ManualClock clock = new ManualClock();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    provider = new SimulatedProvider("bedrock", new BedrockSimDialect(), LatencyProfile.INSTANT, 42, null);
    server = new SimulatorServer(vertx, List.of(provider));
    port = await(server.listen(0));
  }

  @AfterAll
  static void stop() throws Exception {
    await(server.close());
    await(vertx.close());
  }

  @AfterEach
  void heal() {
    provider.heal();
  }

  @Test
  void converse_textRequest_answersOpenAiCompletionWithUsage() throws Exception {
    UpstreamResponse.Complete response = (UpstreamResponse.Complete) onLoop(() -> adapter(
        BedrockSimDialect.TEST_SECRET_ACCESS_KEY).chat(request(false, text("Tell me about gateways"))));
    JsonNode choice = response.body().get("choices").get(0);
    assertThat(choice.get("message").get("content").asText()).startsWith("Simulated answer: Tell me");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    assertThat(response.usage().promptTokens()).isPositive();
    assertThat(response.usage().completionTokens()).isPositive();
    assertThat(response.warnings()).isEmpty();
  }

  @Test
  void converseStream_parallelTools_streamsIndexedToolCallsWithWholeArguments() throws Exception {
    ObjectNode body = text("Weather in Paris");
    body.set("tools", Json.parseTrusted("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}},{\"type\":\"function\",\"function\":{\"name\":\"get_time\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}}}}}]"));
    ProviderAdapter adapter = adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY);
    Collected collected = collect(() -> adapter.chat(request(true, body)));
    assertThat(collected.error).isNull();
    StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
    List<String> names = new ArrayList<>();
    String finish = null;
    for (ObjectNode chunk : collected.chunks) {
      for (JsonNode choice : chunk.get("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          int index = call.get("index").asInt();
          if (call.has("id")) {
            names.add(call.get("function").get("name").asText());
          }
          arguments[index].append(call.path("function").path("arguments").asText(""));
        }
        if (!choice.get("finish_reason").isNull()) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    assertThat(names).containsExactly("get_weather", "get_time");
    assertThat(Json.parse(arguments[0].toString()).get("city").asText()).isEqualTo("Paris");
    assertThat(Json.parse(arguments[1].toString()).has("zone")).isTrue();
    assertThat(finish).isEqualTo("tool_calls");
    assertThat(collected.chunks.get(collected.chunks.size() - 1).get("usage").get("completion_tokens").asInt())
        .isPositive();
  }

  @Test
  void mtBenchConversations_streamedAndWhole_agreeOnTextAndUsage() throws Exception {
    ProviderAdapter adapter = adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY, 1);
    List<String> lines;
    try (java.io.InputStream in = getClass().getResourceAsStream("/data/mt-bench/question.jsonl")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines).hasSize(80);
    for (String line : lines) {
      JsonNode question = Json.parse(line);
      ObjectNode first = text(question.get("turns").get(0).asText());
      first.putArray("messages").addObject().put("role", "system").put("content", "Category: "
          + question.get("category").asText());
      ((com.fasterxml.jackson.databind.node.ArrayNode) first.get("messages")).addObject().put("role", "user")
          .put("content", question.get("turns").get(0).asText());
      UpstreamResponse.Complete answer = (UpstreamResponse.Complete) onLoop(() -> adapter.chat(request(false,
          first.deepCopy())));
      ObjectNode second = first.deepCopy();
      ((com.fasterxml.jackson.databind.node.ArrayNode) second.get("messages")).add(
          answer.body().get("choices").get(0).get("message"));
      ((com.fasterxml.jackson.databind.node.ArrayNode) second.get("messages")).addObject().put("role", "user")
          .put("content", question.get("turns").get(1).asText());
      UpstreamResponse.Complete whole = (UpstreamResponse.Complete) onLoop(() -> adapter.chat(request(false,
          second.deepCopy())));
      ObjectNode streamedBody = second.deepCopy();
      Collected streamed = collect(() -> adapter.chat(request(true, streamedBody)));
      assertThat(streamed.error).isNull();
      StringBuilder text = new StringBuilder();
      JsonNode usage = null;
      for (ObjectNode chunk : streamed.chunks) {
        for (JsonNode choice : chunk.get("choices")) {
          text.append(choice.path("delta").path("content").asText(""));
        }
        usage = chunk.has("usage") ? chunk.get("usage") : usage;
      }
      assertThat(text.toString()).as("question " + question.get("question_id"))
          .isEqualTo(whole.body().get("choices").get(0).get("message").get("content").asText());
      assertThat(usage).isEqualTo(whole.body().get("usage"));
    }
  }

  @Test
  void wrongSecret_signed_isRejectedAsAuthenticationFailure() {
    UpstreamException error = failure(() -> adapter("not-the-secret").chat(request(false, text("hi"))));
    assertThat(error.kind()).isEqualTo(FailureKind.AUTHENTICATION);
    assertThat(error.providerStatus()).isEqualTo(403);
  }

  @Test
  void throttlingFault_injected_isRateLimitedWithRetryAfter() {
    provider.fault(Fault.status(429, 2));
    UpstreamException error = failure(() -> adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY)
        .chat(request(false, text("hi"))));
    assertThat(error.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(error.retryAfterMillis()).isEqualTo(2000);
    assertThat(error.getMessage()).contains("ThrottlingException");
  }

  @Test
  void cutStreamFault_injected_failsTheStreamAfterItsFirstChunks() throws Exception {
    provider.fault(Fault.cutStream(3));
    ProviderAdapter adapter = adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY);
    Collected collected = collect(() -> adapter.chat(request(true, text("Tell me a long story"))));
    assertThat(collected.chunks).isNotEmpty();
    assertThat(collected.error).isInstanceOf(UpstreamException.class);
  }

  @Test
  void droppableParameter_sent_isReportedAsWarning() throws Exception {
    ObjectNode body = text("hi");
    body.put("presence_penalty", 0.5);
    body.put("seed", 7);
    ProviderAdapter adapter = adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY);
    UpstreamResponse response = onLoop(() -> adapter.chat(request(false, body)));
    assertThat(response.warnings()).containsExactly(
        "dropped parameter 'presence_penalty' (not supported by provider 'bedrock')",
        "dropped parameter 'seed' (not supported by provider 'bedrock')");
  }

  @Test
  void unsupportedParameter_sent_isRefusedWith400NamingItBeforeAnyCall() {
    long before = provider.requestCount();
    ObjectNode body = text("hi");
    body.put("n", 2);
    UpstreamException error = failure(() -> adapter(BedrockSimDialect.TEST_SECRET_ACCESS_KEY)
        .chat(request(false, body)));
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo("n");
    assertThat(error.kind().retryable()).isFalse();
    assertThat(provider.requestCount()).isEqualTo(before);
  }

  @Test
  void tamperedBody_withOriginalSignature_isRefusedInBedrocksErrorShape() throws Exception {
    String path = "/bedrock/model/" + SigV4Signer.uriEncode(MODEL, true) + "/converse";
    byte[] signedBody = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}"
        .getBytes(StandardCharsets.UTF_8);
    SigV4Signer.Signature signature = new SigV4Signer("us-east-1", "bedrock", true).sign(
        new SigV4Signer.Request("POST", path, List.of(), List.of(Map.entry("host", "127.0.0.1:" + port)),
            signedBody), new AwsCredentials(BedrockSimDialect.TEST_ACCESS_KEY_ID,
            BedrockSimDialect.TEST_SECRET_ACCESS_KEY, null), clock.epochMillis());
    Answer valid = send(path, signature, signedBody);
    assertThat(valid.status()).isEqualTo(200);
    byte[] tampered = new String(signedBody, StandardCharsets.UTF_8).replace("hi", "ho")
        .getBytes(StandardCharsets.UTF_8);
    Answer refused = send(path, signature, tampered);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorType()).isEqualTo("InvalidSignatureException");
    assertThat(Json.parse(refused.body()).get("message").asText()).contains("signature we calculated does not match");
    Answer unsigned = send(path, null, signedBody);
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.errorType()).isEqualTo("MissingAuthenticationTokenException");
  }

  private record Answer(int status, String errorType, byte[] body) {}

  /**
   * One raw request to the simulator, made from an event loop: the response handlers must be attached in the turn
   * its head arrives, which a test thread cannot promise.
   */
  private static Answer send(String path, SigV4Signer.Signature signature, byte[] body) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("content-type", "application/json");
    if (signature != null) {
      options.putHeader("x-amz-date", signature.amzDate()).putHeader("authorization", signature.authorization());
    }
    HttpClient client = vertx.createHttpClient();
    try {
      return await(EventLoops.onEventLoop(vertx, () -> client.request(options)
          .compose(r -> r.send(Buffer.buffer(body)))
          .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(),
              response.getHeader("x-amzn-errortype"), bytes.getBytes())))));
    } finally {
      client.close();
    }
  }

  private ProviderAdapter adapter(String secret) {
    return adapter(secret, 8);
  }

  private ProviderAdapter adapter(String secret, int maxConnections) {
    ProviderConfig config = new ProviderConfig("bedrock", "bedrock", "http://127.0.0.1:" + port + "/bedrock",
        null, null, null, Map.of("region", "us-west-2", "access_key_id", BedrockSimDialect.TEST_ACCESS_KEY_ID,
        "secret_access_key", secret), null, maxConnections);
    assertThat(new BedrockProviderFactory().validate("providers[0]", config)).isEmpty();
    return new BedrockProviderFactory().create(config, new ProviderContext(vertx, clock));
  }

  private static ObjectNode text(String prompt) {
    ObjectNode body = Json.object();
    body.put("model", MODEL);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return body;
  }

  private static UpstreamRequest request(boolean stream, ObjectNode body) {
    body.put("stream", stream);
    return new UpstreamRequest("req-1", MODEL, body, stream, null, TimeoutsConfig.defaults(), Map.of(),
        new Cancellation());
  }

  private record Collected(List<ObjectNode> chunks, GatewayException error) {}

  /** Makes a call from an event loop, as the gateway does, and waits for its answer. */
  private static UpstreamResponse onLoop(java.util.function.Supplier<Future<UpstreamResponse>> call)
      throws Exception {
    CompletableFuture<UpstreamResponse> done = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(result -> {
      if (result.succeeded()) {
        done.complete(result.result());
      } else {
        done.completeExceptionally(result.cause());
      }
    }));
    return done.get(20, TimeUnit.SECONDS);
  }

  /**
   * Calls and consumes a stream on one event loop, as the gateway does (chunk streams are single-threaded: the
   * sink must be attached on the loop that delivers the chunks).
   */
  private static Collected collect(java.util.function.Supplier<Future<UpstreamResponse>> call) throws Exception {
    List<ObjectNode> chunks = new ArrayList<>();
    CompletableFuture<GatewayException> done = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onFailure(done::completeExceptionally)
        .onSuccess(started -> ((UpstreamResponse.Streaming) started).chunks().start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        chunks.add(chunk);
      }

      @Override
      public void onEnd() {
        done.complete(null);
      }

      @Override
      public void onError(GatewayException error) {
        done.complete(error);
      }
    })));
    GatewayException error = done.get(20, TimeUnit.SECONDS);
    return new Collected(chunks, error);
  }

  private static UpstreamException failure(java.util.function.Supplier<Future<UpstreamResponse>> call) {
    try {
      onLoop(call);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpstreamException.class);
      return (UpstreamException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
