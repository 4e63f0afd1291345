package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.azure.AzureSimDialect;
import dev.switchboard.sim.cohere.CohereSimDialect;
import dev.switchboard.sim.gemini.GeminiSimDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI Java SDK through the gateway to each native provider's simulator (Gemini, Cohere v2, Azure
 * OpenAI): plain and streamed chat, tools (parallel, streamed, and a full tool round trip), embeddings, the
 * parameter policy, and content filtering.
 */
class NativeProvidersSdkIntegrationTest {
  private static final String CONFIG = """
      server:
        port: 0
        event_loops: 2
        timeouts:
          connect_ms: 1000
          first_byte_ms: 3000
          total_ms: 10000
          stream_idle_ms: 3000
      providers:
        - name: gemini
          type: gemini
          base_url: ${SIM}/gemini/v1beta
          api_key: gemini-sim-key
        - name: cohere
          type: cohere
          base_url: ${SIM}/cohere
          api_key: cohere-sim-key
        - name: azure
          type: azure
          base_url: ${SIM}/azure
          api_key: azure-sim-key
          options:
            api_version: "2024-10-21"
      models:
        - name: gemini-1.5-pro
          deployments:
            - provider: gemini
              model: gemini-1.5-pro
        - name: command-r-plus
          deployments:
            - provider: cohere
              model: command-r-plus
        - name: gpt-4o-azure
          deployments:
            - provider: azure
              model: gpt-4o-prod
        - name: text-embedding-004
          deployments:
            - provider: gemini
              model: text-embedding-004
        - name: embed-v4.0
          deployments:
            - provider: cohere
              model: embed-v4.0
        - name: azure-embedding
          deployments:
            - provider: azure
              model: text-embedding-3-small-prod
      routing:
        retry:
          max_attempts: 1
      auth:
        keys:
          - key: sk-test-client-0001
            name: tests
      """;

  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.start(List.of(
        new SimulatedProvider("gemini", new GeminiSimDialect(), LatencyProfile.INSTANT, 7, "gemini-sim-key"),
        new SimulatedProvider("cohere", new CohereSimDialect(), LatencyProfile.INSTANT, 7, "cohere-sim-key"),
        new SimulatedProvider("azure", new AzureSimDialect(), LatencyProfile.INSTANT, 7, "azure-sim-key")),
        CONFIG);
    client = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.CLIENT_KEY)
        .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, String prompt) {
    return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Be brief.").addUserMessage(prompt);
  }

  private static FunctionDefinition tool(String name) {
    return FunctionDefinition.builder().name(name).description("Look up " + name)
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_nonStreaming_answersWithUsageAndProviderHeader(String model) {
    var raw = client.chat().completions().withRawResponse().create(chat(model, "Hello there").build());
    ChatCompletion completion = raw.parse();
    assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
        text -> assertThat(text).startsWith("Simulated answer: Hello there"));
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.promptTokens()).isPositive();
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    });
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly(model.startsWith("gemini")
        ? "gemini" : model.startsWith("command") ? "cohere" : "azure");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_streaming_sameTextAsNonStreamingAndOneUsageChunk(String model) {
    StringBuilder text = new StringBuilder();
    List<Long> totals = new ArrayList<>();
    ChatCompletionCreateParams params = chat(model, "Stream please")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(text::append);
        }
        chunk.usage().ifPresent(u -> totals.add(u.totalTokens()));
      });
    }
    String whole = client.chat().completions().create(chat(model, "Stream please").build()).choices().get(0)
        .message().content().orElseThrow();
    assertThat(text.toString()).isEqualTo(whole);
    assertThat(totals).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_streamingWithoutUsageOption_hasNoUsageChunkAndEveryChunkHasAChoice(String model) {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat(model, "No usage please").build())) {
      stream.stream().forEach(chunks::add);
    }
    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).isNotEmpty());
    assertThat(chunks.get(chunks.size() - 1).choices().get(0).finishReason()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_twoTools_givesParallelToolCalls(String model) {
    ChatCompletion completion = client.chat().completions().create(chat(model, "Weather in Paris")
        .addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast")).build());
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
    assertThat(calls.get(1).asFunction().function().name()).isEqualTo("get_forecast");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(calls.get(0).asFunction().id()).isNotBlank().isNotEqualTo(calls.get(1).asFunction().id());
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_streamingTools_argumentsReassembleToWholeJson(String model) {
    Map<Long, StringBuilder> arguments = new TreeMap<>();
    Map<Long, String> names = new TreeMap<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat(model, "Weather in Oslo").addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast"))
            .build())) {
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

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus", "gpt-4o-azure"})
  void chat_toolRoundTrip_resultsSentBack_answersWithText(String model) {
    ChatCompletionCreateParams.Builder first = chat(model, "Weather in Rome").addFunctionTool(tool("get_weather"));
    ChatCompletion calling = client.chat().completions().create(first.build());
    ChatCompletionMessageToolCall call = calling.choices().get(0).message().toolCalls().orElseThrow().get(0);
    ChatCompletionCreateParams second = first
        .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(call)).build())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id())
            .content("{\"temperature_c\": 21}").build())
        .build();
    ChatCompletion answer = client.chat().completions().create(second);
    assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(
        text -> assertThat(text).startsWith("Simulated answer:"));
    assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("stop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text-embedding-004", "embed-v4.0", "azure-embedding"})
  void embeddings_twoInputs_twoVectors(String model) {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model(model).inputOfArrayOfStrings(List.of("alpha", "beta")).dimensions(8).build());
    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(0).embedding()).hasSize(8);
    assertThat(response.data().get(1).index()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus"})
  void chat_parameterProviderCannotHonour_droppedWithWarningHeader(String model) {
    var raw = client.chat().completions().withRawResponse().create(chat(model, "hi").user("end-user-7").build());
    assertThat(raw.parse().choices()).hasSize(1);
    assertThat(raw.headers().values("x-switchboard-warning")).singleElement().asString()
        .contains("dropped parameter 'user'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus"})
  void chat_streamingWithParameterProviderCannotHonour_warningHeaderOnStream(String model) {
    var raw = client.chat().completions().withRawResponse().createStreaming(chat(model, "hi").user("u-7").build());
    assertThat(raw.headers().values("x-switchboard-warning")).singleElement().asString()
        .contains("dropped parameter 'user'");
    try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
      assertThat(stream.stream().count()).isGreaterThan(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gemini-1.5-pro", "command-r-plus"})
  void chat_parameterThatWouldChangeTheAnswer_rejectedWith400NamingIt(String model) {
    assertThatThrownBy(() -> client.chat().completions().create(chat(model, "hi")
        .logitBias(ChatCompletionCreateParams.LogitBias.builder()
            .putAdditionalProperty("50256", JsonValue.from(-100)).build()).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.param()).contains("logit_bias");
        });
  }

  @Test
  void gemini_blockedPrompt_finishesWithContentFilter() {
    ChatCompletion completion = client.chat().completions().create(chat("gemini-1.5-pro", "x [[blocked]]").build());
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("content_filter");
    assertThat(completion.choices().get(0).message().content()).isEmpty();
  }

  @Test
  void azure_blockedPrompt_isContentFilterError() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("gpt-4o-azure", "x [[blocked]]").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.type()).contains("content_filter");
          assertThat(e.code()).contains("content_filter");
        });
  }
}
