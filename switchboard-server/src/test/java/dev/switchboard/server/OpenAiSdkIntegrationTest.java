package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.switchboard.sim.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway driven by the official OpenAI Java SDK against simulated providers. */
class OpenAiSdkIntegrationTest {
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.standard();
    client = sdk(GatewayHarness.CLIENT_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @AfterEach
  void heal() {
    harness.sims().providers().forEach(p -> p.heal());
    harness.gateway().services().routing().resetHealth();
  }

  static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(key).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, String prompt) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt);
  }

  private static FunctionDefinition weatherTool(String name) {
    return FunctionDefinition.builder().name(name).description("Look up the weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  @Test
  void chat_nonStreaming_returnsAnswerUsageAndGatewayHeaders() {
    var raw = client.chat().completions().withRawResponse().create(chat("gpt-4o", "Hello there").build());
    ChatCompletion completion = raw.parse();
    assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
        text -> assertThat(text).startsWith("Simulated answer: Hello there"));
    assertThat(completion.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.promptTokens()).isPositive();
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    });
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("primary");
    assertThat(raw.headers().values("x-switchboard-model")).containsExactly("gpt-4o");
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("1");
    assertThat(raw.headers().values("x-request-id").get(0)).startsWith("req_");
  }

  @Test
  void chat_sameRequestTwice_isDeterministic() {
    String first = client.chat().completions().create(chat("solo", "Same words").build()).choices().get(0)
        .message().content().orElseThrow();
    String second = client.chat().completions().create(chat("solo", "Same words").build()).choices().get(0)
        .message().content().orElseThrow();
    assertThat(first).isEqualTo(second);
  }

  @Test
  void chat_streaming_deliversContentThenUsage() {
    StringBuilder text = new StringBuilder();
    List<Long> totals = new ArrayList<>();
    ChatCompletionCreateParams params = chat("gpt-4o", "Stream please")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(text::append);
        }
        chunk.usage().ifPresent(u -> totals.add(u.totalTokens()));
      });
    }
    String nonStreamed = client.chat().completions().create(chat("gpt-4o", "Stream please").build()).choices()
        .get(0).message().content().orElseThrow();
    assertThat(text.toString()).isEqualTo(nonStreamed);
    assertThat(totals).hasSize(1);
  }

  @Test
  void chat_streamingWithoutUsageOption_hasNoUsageChunk() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-4o", "No usage please").build())) {
      stream.stream().forEach(chunks::add);
    }
    assertThat(chunks).isNotEmpty();
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).isNotEmpty());
  }

  @Test
  void chat_withParallelTools_passesToolCallsThrough() {
    ChatCompletion completion = client.chat().completions().create(chat("gpt-4o", "Weather in Paris")
        .addFunctionTool(weatherTool("get_weather")).addFunctionTool(weatherTool("get_forecast")).build());
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
  }

  @Test
  void chat_streamingTools_argumentsArriveInPiecesAndReassemble() {
    Map<Long, StringBuilder> arguments = new TreeMap<>();
    Map<Long, String> names = new TreeMap<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("gpt-4o", "Weather in Oslo").addFunctionTool(weatherTool("get_weather"))
            .addFunctionTool(weatherTool("get_forecast")).build())) {
      stream.stream().filter(c -> !c.choices().isEmpty()).forEach(chunk ->
          chunk.choices().get(0).delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
            call.function().flatMap(f -> f.name()).ifPresent(n -> names.put(call.index(), n));
            call.function().flatMap(f -> f.arguments()).ifPresent(a ->
                arguments.computeIfAbsent(call.index(), k -> new StringBuilder()).append(a));
          })));
    }
    assertThat(names).containsEntry(0L, "get_weather").containsEntry(1L, "get_forecast");
    assertThat(arguments.get(0L).toString()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(arguments.get(1L).toString()).isEqualTo("{\"city\":\"Oslo\"}");
  }

  @Test
  void embeddings_returnVectorsPerInput() {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").inputOfArrayOfStrings(List.of("alpha", "beta")).build());
    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(0).embedding()).hasSize(16);
    assertThat(response.usage().promptTokens()).isEqualTo(2);
  }

  @Test
  void models_listsConfiguredModelGroups() {
    List<String> ids = client.models().list().data().stream().map(Model::id).toList();
    assertThat(ids).containsExactly("gpt-4o", "solo", "text-embedding-3-small");
  }

  @Test
  void wrongKey_isUnauthorized() {
    assertThatThrownBy(() -> sdk("sk-not-a-real-key").chat().completions().create(chat("gpt-4o", "hi").build()))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.type()).contains("authentication_error");
        });
  }

  @Test
  void unknownModel_isNotFound() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-9", "hi").build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.getMessage()).contains("gpt-9");
          assertThat(e.param()).contains("model");
        });
  }

  @Test
  void invalidTemperature_isBadRequestNamingTheParameter() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o", "hi").temperature(7.0).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.param()).contains("temperature");
        });
  }

  @Test
  void oversizedBody_isPayloadTooLarge() {
    String huge = "x".repeat(70_000);
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o", huge).build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
  }

  @Test
  void upstreamRateLimited_surfacesAs429() {
    harness.sims().provider("primary").fault(Fault.status(429, 0));
    assertThatThrownBy(() -> client.chat().completions().create(chat("solo", "hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void upstreamServerError_surfacesWithItsStatus() {
    harness.sims().provider("primary").fault(Fault.status(503, 0));
    assertThatThrownBy(() -> client.chat().completions().create(chat("solo", "hi").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.getMessage()).doesNotContain("127.0.0.1").doesNotContain("sk-provider");
        });
  }

  @Test
  void primaryFailing_requestIsServedByBackup() {
    harness.sims().provider("primary").fault(Fault.status(500));
    var raw = client.chat().completions().withRawResponse().create(chat("gpt-4o", "failover").build());
    assertThat(raw.parse().choices()).hasSize(1);
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("backup");
    assertThat(raw.headers().values("x-switchboard-attempts")).containsExactly("2");
  }

  @Test
  void upstreamUnreachable_isBadGateway() {
    harness.sims().provider("primary").fault(Fault.reset());
    assertThatThrownBy(() -> client.chat().completions().create(chat("solo", "hi").build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.getMessage()).doesNotContain("127.0.0.1");
        });
  }

  @Test
  void upstreamHanging_isGatewayTimeout() {
    harness.sims().provider("primary").fault(Fault.hang());
    assertThatThrownBy(() -> client.chat().completions().create(chat("solo", "hi").build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(504));
  }
}
