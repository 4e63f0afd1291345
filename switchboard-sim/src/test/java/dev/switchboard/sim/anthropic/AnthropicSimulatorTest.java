package dev.switchboard.sim.anthropic;

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
import dev.switchboard.core.time.Clock;
import dev.switchboard.providers.anthropic.AnthropicProviderFactory;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.SimulatorServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Anthropic adapter against the Anthropic simulator, over real HTTP on loopback. */
class AnthropicSimulatorTest {
  private static final String KEY = "sk-ant-test-key";
  private static Vertx vertx;
  private static SimulatorServer server;
  private static SimulatedProvider provider;
  private static ProviderAdapter adapter;
  private static int port;
  private static Context context;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    provider = new SimulatedProvider("anthropic", new AnthropicSimDialect(), LatencyProfile.INSTANT, 7, KEY);
    server = new SimulatorServer(vertx, List.of(provider));
    port = await(server.listen(0));
    ProviderConfig config = new ProviderConfig("claude", "anthropic", "http://127.0.0.1:" + port + "/anthropic",
        KEY, null, null, null, null, null);
    adapter = new AnthropicProviderFactory().create(config, new ProviderContext(vertx, Clock.system()));
  }

  @AfterAll
  static void stop() throws Exception {
    adapter.close();
    await(server.close());
    await(vertx.close());
  }

  @AfterEach
  void heal() {
    provider.heal();
  }

  /** Calls the adapter on an event loop, as the gateway does (its futures complete there). */
  private static Future<UpstreamResponse> chat(UpstreamRequest request) {
    Promise<UpstreamResponse> result = Promise.promise();
    context.runOnContext(v -> adapter.chat(request).onComplete(result));
    return result.future();
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static UpstreamRequest request(String body, boolean stream, String key) {
    ObjectNode json = (ObjectNode) Json.parseTrusted(body);
    if (stream) {
      json.put("stream", true);
    }
    return new UpstreamRequest("req-1", "claude-sonnet-4-5", json, stream, key, TimeoutsConfig.defaults(),
        Map.of(), new Cancellation());
  }

  private static final String TEXT = "{\"model\":\"claude\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
      + "{\"role\":\"user\",\"content\":\"Explain what a gateway does\"}]}";
  private static final String TOOLS = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"Weather in Paris\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}},"
      + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{\"type\":\"object\","
      + "\"properties\":{\"zone\":{\"type\":\"string\"},\"hours\":{\"type\":\"integer\"}}}}}]}";

  private static List<ObjectNode> collect(UpstreamResponse response) throws Exception {
    List<ObjectNode> chunks = new ArrayList<>();
    Promise<List<ObjectNode>> done = Promise.promise();
    ChunkSink sink = new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        chunks.add(chunk);
      }

      @Override
      public void onEnd() {
        done.tryComplete(chunks);
      }

      @Override
      public void onError(GatewayException error) {
        done.tryFail(error);
      }
    };
    context.runOnContext(v -> ((UpstreamResponse.Streaming) response).chunks().start(sink));
    return await(done.future());
  }

  private static String content(List<ObjectNode> chunks) {
    StringBuilder text = new StringBuilder();
    for (ObjectNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        text.append(choice.path("delta").path("content").asText(""));
      }
    }
    return text.toString();
  }

  @Test
  void chat_notStreamed_answersTextWithUsage() throws Exception {
    UpstreamResponse.Complete response = (UpstreamResponse.Complete) await(chat(request(TEXT, false, KEY)));
    JsonNode choice = response.body().path("choices").get(0);
    assertThat(choice.path("message").path("content").asText()).startsWith("Simulated answer: Explain what");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(response.usage().promptTokens()).isEqualTo(4 + 2 + 4 + 5);
    assertThat(response.usage().completionTokens())
        .isEqualTo(choice.path("message").path("content").asText().split(" ").length);
  }

  @Test
  void chat_streamed_sameTextAsNotStreamedAndFinalUsage() throws Exception {
    UpstreamResponse.Complete whole = (UpstreamResponse.Complete) await(chat(request(TEXT, false, KEY)));
    List<ObjectNode> chunks = collect(await(chat(request(TEXT, true, KEY))));
    assertThat(content(chunks)).isEqualTo(whole.body().path("choices").get(0).path("message").path("content")
        .asText());
    ObjectNode last = chunks.get(chunks.size() - 1);
    assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(whole.usage().completionTokens());
    assertThat(last.path("usage").path("prompt_tokens").asLong()).isEqualTo(whole.usage().promptTokens());
    assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void chat_streamedParallelTools_argumentsReassembleToTheNotStreamedCalls() throws Exception {
    UpstreamResponse.Complete whole = (UpstreamResponse.Complete) await(chat(request(TOOLS, false, KEY)));
    JsonNode calls = whole.body().path("choices").get(0).path("message").path("tool_calls");
    assertThat(calls).hasSize(2);
    List<ObjectNode> chunks = collect(await(chat(request(TOOLS, true, KEY))));
    StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
    String[] ids = new String[2];
    for (ObjectNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          int index = call.path("index").asInt();
          if (call.has("id")) {
            ids[index] = call.get("id").asText();
          }
          arguments[index].append(call.path("function").path("arguments").asText(""));
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      assertThat(ids[i]).isEqualTo(calls.get(i).path("id").asText()).startsWith("toolu_");
      assertThat(Json.parseTrusted(arguments[i].toString()))
          .isEqualTo(Json.parseTrusted(calls.get(i).path("function").path("arguments").asText()));
    }
    assertThat(Json.parseTrusted(arguments[0].toString()).path("city").asText()).isEqualTo("Paris");
    assertThat(whole.body().path("choices").get(0).path("finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void chat_seedAnthropicLacks_droppedWithWarning() throws Exception {
    String body = TEXT.substring(0, TEXT.length() - 1) + ",\"seed\":42,\"store\":false}";
    UpstreamResponse streamed = await(chat(request(body, true, KEY)));
    UpstreamResponse.Complete whole = (UpstreamResponse.Complete) await(chat(request(body, false, KEY)));
    for (UpstreamResponse response : List.of(streamed, whole)) {
      assertThat(response.warnings()).containsExactly(
          "dropped parameter 'seed' (not supported by provider 'claude')");
    }
    collect(streamed);
  }

  @Test
  void chat_parallelToolCallsDisabled_callsOneTool() throws Exception {
    String body = TOOLS.substring(0, TOOLS.length() - 1) + ",\"parallel_tool_calls\":false}";
    UpstreamResponse.Complete whole = (UpstreamResponse.Complete) await(chat(request(body, false, KEY)));
    assertThat(whole.body().path("choices").get(0).path("message").path("tool_calls")).hasSize(1);
  }

  @Test
  void chat_stopSequenceInAnswer_cutsThereAndFinishesWithStop() throws Exception {
    String body = TEXT.substring(0, TEXT.length() - 1) + ",\"stop\":[\"what\"]}";
    UpstreamResponse.Complete whole = (UpstreamResponse.Complete) await(chat(request(body, false, KEY)));
    assertThat(whole.body().path("choices").get(0).path("message").path("content").asText())
        .isEqualTo("Simulated answer: Explain ");
    assertThat(whole.body().path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void chat_cacheControlOnSystem_firstWritesThenReadsTheCache() throws Exception {
    String body = "{\"model\":\"claude\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"A long shared contract text for caching\",\"cache_control\":{\"type\":\"ephemeral\"}}]},"
        + "{\"role\":\"user\",\"content\":\"Summarise it\"}]}";
    UpstreamResponse.Complete first = (UpstreamResponse.Complete) await(chat(request(body, false, KEY)));
    UpstreamResponse.Complete second = (UpstreamResponse.Complete) await(chat(request(body, false, KEY)));
    assertThat(first.usage().cacheCreationTokens()).isEqualTo(4 + 7);
    assertThat(first.usage().cachedTokens()).isZero();
    assertThat(second.usage().cachedTokens()).isEqualTo(4 + 7);
    assertThat(second.usage().promptTokens()).isEqualTo(first.usage().promptTokens()).isEqualTo(4 + 7 + 4 + 2);
  }

  @Test
  void chat_overloaded_failsAsRetryableServerError() throws Exception {
    provider.fault(Fault.status(529));
    Future<UpstreamResponse> call = chat(request(TEXT, false, KEY));
    UpstreamException error = failure(call);
    assertThat(error.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(error.providerStatus()).isEqualTo(529);
    assertThat(error.getMessage()).contains("Simulated failure");
  }

  @Test
  void chat_rateLimited_failsWithRetryAfter() throws Exception {
    provider.fault(Fault.status(429, 3));
    UpstreamException error = failure(chat(request(TEXT, true, KEY)));
    assertThat(error.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(error.retryAfterMillis()).isEqualTo(3000);
  }

  @Test
  void chat_wrongKey_failsAsAuthenticationWithoutLeakingTheKey() throws Exception {
    UpstreamException error = failure(chat(request(TEXT, false, "sk-ant-wrong-key-123456")));
    assertThat(error.kind()).isEqualTo(FailureKind.AUTHENTICATION);
    assertThat(error.getMessage()).doesNotContain("sk-ant");
  }

  @Test
  void chat_streamCutMidway_failsTheStream() throws Exception {
    provider.fault(Fault.cutStream(4));
    UpstreamResponse response = await(chat(request(TEXT, true, KEY)));
    try {
      collect(response);
      org.assertj.core.api.Assertions.fail("the stream should have failed");
    } catch (UpstreamException e) {
      assertThat(e.kind()).isIn(FailureKind.CONNECTION_RESET, FailureKind.PROTOCOL);
    }
  }

  private static UpstreamException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (UpstreamException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void messages_withoutVersionHeader_answersAnthropicShapedError() throws Exception {
    JsonNode body = rawPost(Map.of("x-api-key", KEY), "{\"model\":\"c\",\"max_tokens\":5,\"messages\":[]}");
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText()).contains("anthropic-version");
  }

  @Test
  void messages_streamed_sendsNamedEventsWithPing() throws Exception {
    String text = await(EventLoops.onEventLoop(vertx, () -> vertx.createHttpClient().request(new RequestOptions()
        .setMethod(HttpMethod.POST).setAbsoluteURI("http://127.0.0.1:" + port + "/anthropic/v1/messages")
        .putHeader("x-api-key", KEY).putHeader("anthropic-version", "2023-06-01"))
        .compose(r -> r.send(Buffer.buffer("{\"model\":\"c\",\"max_tokens\":5,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")))
        .compose(HttpClientResponse::body))).toString();
    assertThat(text).startsWith("event: message_start\ndata: {\"type\":\"message_start\"");
    assertThat(text).contains("event: ping\n", "event: content_block_start\n", "event: content_block_delta\n",
        "\"stop_reason\":\"max_tokens\"", "event: message_stop\n");
  }

  private static JsonNode rawPost(Map<String, String> headers, String body) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI("http://127.0.0.1:" + port + "/anthropic/v1/messages");
    headers.forEach(options::putHeader);
    Buffer answer = await(EventLoops.onEventLoop(vertx, () -> vertx.createHttpClient().request(options)
        .compose(r -> r.send(Buffer.buffer(body)))
        .compose(response -> {
          assertThat(response.statusCode()).isEqualTo(400);
          return response.body();
        })));
    return Json.parse(answer.getBytes());
  }
}
