package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.spi.Cancellation;
import dev.switchboard.core.spi.EmbeddingsCapability;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.time.Clock;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.sim.azure.AzureSimDialect;
import dev.switchboard.sim.cohere.CohereSimDialect;
import dev.switchboard.sim.gemini.GeminiSimDialect;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import org.junit.jupiter.api.Test;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each native adapter against its simulator over real HTTP on loopback: plain and streamed chat, tools (with
 * arguments split across chunks), embeddings, usage, faults and credentials.
 */
class NativeAdaptersAgainstSimulatorTest {
  private static final String KEY = "sim-key-123";
  private static Vertx vertx;
  private static SimulatorServer server;
  private static int port;
  private final ProviderRegistry registry = ProviderRegistry.builtIn();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = new SimulatorServer(vertx, List.of(
        new SimulatedProvider("gemini", new GeminiSimDialect(), LatencyProfile.INSTANT, 7, KEY),
        new SimulatedProvider("cohere", new CohereSimDialect(), LatencyProfile.INSTANT, 7, KEY),
        new SimulatedProvider("azure", new AzureSimDialect(), LatencyProfile.INSTANT, 7, KEY),
        new SimulatedProvider("compatible", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, KEY)));
    port = server.listen(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void heal() {
    server.providers().forEach(SimulatedProvider::heal);
  }

  private ProviderAdapter adapter(String type) {
    String base = "http://127.0.0.1:" + port + "/" + type + (type.equals("gemini") ? "/v1beta" : "");
    ProviderConfig config = new ProviderConfig(type + "-sim", type, base, KEY, null, null,
        Map.of("api_version", "2024-10-21"), null, 8);
    return registry.create(config, new ProviderContext(vertx, Clock.system()));
  }

  private static UpstreamRequest request(String model, String body, boolean stream, String key) {
    ObjectNode json = (ObjectNode) Json.parseTrusted(body);
    json.put("model", model);
    if (stream) {
      json.put("stream", true);
    }
    return new UpstreamRequest("req-1", model, json, stream, key, TimeoutsConfig.defaults(), Map.of(),
        new Cancellation());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String model(String type) {
    return switch (type) {
      case "gemini" -> "gemini-1.5-pro";
      case "cohere" -> "command-r-plus";
      default -> "gpt-4o-prod";
    };
  }

  /** Collects a streamed answer's chunks (started on the event loop that produces them), or its error. */
  private static Future<ArrayNode> collect(UpstreamResponse response) {
    Promise<ArrayNode> done = Promise.promise();
    ArrayNode chunks = Json.array();
    ((UpstreamResponse.Streaming) response).chunks().start(new ChunkSink() {
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
    });
    return done.future();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_plain_answersOpenAiCompletionWithUsage(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    UpstreamResponse response = await(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
            + "\"Tell me about gateways\"}],\"max_tokens\":200}", false, KEY)));
    UpstreamResponse.Complete complete = (UpstreamResponse.Complete) response;
    JsonNode body = complete.body();
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("choices").get(0).path("message").path("content").asText())
        .startsWith("Simulated answer: Tell me about gateways");
    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(complete.usage().promptTokens()).isPositive();
    assertThat(complete.usage().completionTokens())
        .isEqualTo(SimAnswer.countTokens(body.path("choices").get(0).path("message").path("content").asText()));
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_streamed_contentJoinsToSameAnswerAndEndsWithUsage(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about gateways\"}],\"max_tokens\":5}";
    ArrayNode chunks = await(adapter.chat(request(model(type), body, true, KEY)).compose(
        NativeAdaptersAgainstSimulatorTest::collect));
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      for (JsonNode choice : chunk.path("choices")) {
        text.append(choice.path("delta").path("content").asText(""));
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(text.toString()).isEqualTo("Simulated answer: Tell me about");
    assertThat(finish).isEqualTo("length");
    assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(5);
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_streamedWithTwoTools_givesTwoParallelToolCallsWithWholeArguments(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo\"}],\"tools\":["
        + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}},"
        + "{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"zone\":{\"type\":\"string\"},\"hours\":{\"type\":\"integer\"}}}}}]}";
    ArrayNode chunks = await(adapter.chat(request(model(type), body, true, KEY)).compose(
        NativeAdaptersAgainstSimulatorTest::collect));
    String[] names = new String[2];
    StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
    String finish = null;
    for (JsonNode chunk : chunks) {
      for (JsonNode choice : chunk.path("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          int index = call.path("index").asInt();
          if (call.path("function").has("name")) {
            names[index] = call.path("function").path("name").asText();
          }
          arguments[index].append(call.path("function").path("arguments").asText(""));
        }
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    assertThat(names).containsExactly("get_weather", "get_time");
    assertThat(Json.parseTrusted(arguments[0].toString()).path("city").asText()).isEqualTo("Oslo");
    assertThat(Json.parseTrusted(arguments[1].toString()).path("hours").asInt()).isEqualTo(43);
    assertThat(finish).isEqualTo("tool_calls");
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void embeddings_twoInputs_giveTwoVectorsOfRequestedSize(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    UpstreamResponse response = await(((EmbeddingsCapability) adapter).embeddings(request("embed-model",
        "{\"input\":[\"first text\",\"second text\"],\"dimensions\":8}", false, KEY)));
    JsonNode body = ((UpstreamResponse.Complete) response).body();
    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("data")).hasSize(2);
    assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
    assertThat(body.path("data").get(0).path("embedding")).hasSize(8);
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_wrongKey_failsAsAuthenticationWithoutLeakingTheKey(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    UpstreamException error = failure(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false, "wrong-key-456")));
    assertThat(error.kind()).isEqualTo(FailureKind.AUTHENTICATION);
    assertThat(error.getMessage()).doesNotContain("wrong-key-456").doesNotContain("127.0.0.1");
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_providerRateLimited_failsAsRateLimitedWithRetryAfter(String type) throws Exception {
    server.provider(type).fault(Fault.status(429, 2));
    ProviderAdapter adapter = adapter(type);
    UpstreamException error = failure(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false, KEY)));
    assertThat(error.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(error.status()).isEqualTo(429);
    assertThat(error.retryAfterMillis()).isEqualTo(2000);
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere", "azure"})
  void chat_streamCutAfterThreeChunks_endsStreamWithError(String type) throws Exception {
    server.provider(type).fault(Fault.cutStream(3));
    ProviderAdapter adapter = adapter(type);
    UpstreamException error = failure(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about gateways\"}]}", true, KEY))
        .compose(NativeAdaptersAgainstSimulatorTest::collect));
    assertThat(error.kind()).isIn(FailureKind.CONNECTION_RESET, FailureKind.PROTOCOL);
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "azure"})
  void chat_blockedPrompt_endsAsContentFilter(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    Future<UpstreamResponse> call = adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"please [[blocked]]\"}]}", false, KEY));
    if (type.equals("gemini")) {
      JsonNode body = ((UpstreamResponse.Complete) await(call)).body();
      assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("content_filter");
    } else {
      UpstreamException error = failure(call);
      assertThat(error.kind()).isEqualTo(FailureKind.CONTENT_FILTERED);
      assertThat(error.status()).isEqualTo(400);
    }
    adapter.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini", "cohere"})
  void chat_unsupportedParameters_droppedWithWarningOrRejectedWith400(String type) throws Exception {
    ProviderAdapter adapter = adapter(type);
    UpstreamResponse response = await(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\"u-1\",\"n\":1}", false, KEY)));
    assertThat(response.warnings()).containsExactly("dropped parameter 'user' (not supported by provider '"
        + type + "-sim')");
    UpstreamException rejected = failure(adapter.chat(request(model(type),
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"logit_bias\":{\"5\":10}}", false, KEY)));
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.param()).isEqualTo("logit_bias");
    adapter.close();
  }

  @Test
  void azure_entraAuth_sendsBearerTokenThatTheServiceAccepts() throws Exception {
    ProviderConfig config = new ProviderConfig("azure-entra", "azure", "http://127.0.0.1:" + port + "/azure", KEY,
        null, null, Map.of("auth", "entra"), null, 8);
    ProviderAdapter adapter = registry.create(config, new ProviderContext(vertx, Clock.system()));
    UpstreamResponse response = await(adapter.chat(request("gpt-4o-prod",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false, KEY)));
    assertThat(((UpstreamResponse.Complete) response).body().path("model").asText()).isEqualTo("gpt-4o-prod");
    adapter.close();
  }

  @Test
  void catalogueProvider_againstOpenAiCompatibleServer_appliesItsParameterPolicy() throws Exception {
    ProviderConfig config = new ProviderConfig("groq-sim", "groq", "http://127.0.0.1:" + port + "/compatible/v1",
        KEY, null, null, null, null, 8);
    ProviderAdapter adapter = registry.create(config, new ProviderContext(vertx, Clock.system()));
    UpstreamResponse response = await(adapter.chat(request("llama-3.3-70b",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}],\"store\":true,\"n\":1}", false, KEY)));
    assertThat(((UpstreamResponse.Complete) response).body().path("choices").get(0).path("message")
        .path("content").asText()).startsWith("Simulated answer: hi there");
    assertThat(response.warnings()).containsExactly("dropped parameter 'store' (not supported by provider "
        + "'groq-sim')");
    UpstreamException rejected = failure(adapter.chat(request("llama-3.3-70b",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":3}", false, KEY)));
    assertThat(rejected.param()).isEqualTo("n");
    assertThat(server.provider("compatible").requestCount()).isEqualTo(1);
    adapter.close();
  }

  private static UpstreamException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpstreamException.class);
      return (UpstreamException) e.getCause();
    } catch (UpstreamException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
