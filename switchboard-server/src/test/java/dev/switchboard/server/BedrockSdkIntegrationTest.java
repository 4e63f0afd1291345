package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.sim.Fault;
import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.bedrock.BedrockSimDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK → gateway → Bedrock adapter (SigV4, Converse, event stream) → Bedrock simulator. */
class BedrockSdkIntegrationTest {
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
        - name: bedrock
          type: bedrock
          base_url: ${SIM}/bedrock
          options:
            region: us-east-1
            access_key_id: AKIDSWITCHBOARDSIM
            secret_access_key: switchboard-sim-secret-access-key
        - name: bedrock-badkey
          type: bedrock
          base_url: ${SIM}/bedrock
          options:
            region: us-east-1
            access_key_id: AKIDSWITCHBOARDSIM
            secret_access_key: not-the-secret
      models:
        - name: claude-3-5-sonnet-bedrock
          deployments:
            - provider: bedrock
              model: "anthropic.claude-3-5-sonnet-20240620-v1:0"
        - name: bedrock-misconfigured
          deployments:
            - provider: bedrock-badkey
              model: "anthropic.claude-3-5-sonnet-20240620-v1:0"
      routing:
        retry:
          max_attempts: 2
          base_backoff_ms: 10
      auth:
        keys:
          - key: sk-test-client-0001
            name: tests
      """;
  private static final String MODEL = "claude-3-5-sonnet-bedrock";
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    harness = GatewayHarness.start(List.of(new SimulatedProvider("bedrock", new BedrockSimDialect(),
        LatencyProfile.INSTANT, 7, null)), CONFIG);
    client = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.CLIENT_KEY)
        .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @AfterEach
  void heal() {
    harness.sims().providers().forEach(SimulatedProvider::heal);
  }

  private static ChatCompletionCreateParams.Builder chat(String prompt) {
    return ChatCompletionCreateParams.builder().model(MODEL).addSystemMessage("Be brief.")
        .addUserMessage(prompt);
  }

  private static FunctionDefinition tool(String name) {
    return FunctionDefinition.builder().name(name).description("Look up the weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  @Test
  void chat_nonStreaming_isAnsweredByBedrockWithUsage() {
    var raw = client.chat().completions().withRawResponse().create(chat("Hello Bedrock").maxCompletionTokens(200)
        .build());
    ChatCompletion completion = raw.parse();
    assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
        text -> assertThat(text).startsWith("Simulated answer: Hello Bedrock"));
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.promptTokens()).isPositive();
      assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    });
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("bedrock");
    assertThat(raw.headers().values("x-switchboard-warning")).isEmpty();
  }

  @Test
  void chat_streaming_matchesNonStreamedTextAndEndsWithUsage() {
    StringBuilder text = new StringBuilder();
    List<Long> totals = new ArrayList<>();
    List<String> finishes = new ArrayList<>();
    ChatCompletionCreateParams params = chat("Stream from Bedrock")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(text::append);
          chunk.choices().get(0).finishReason().ifPresent(f -> finishes.add(f.asString()));
        }
        chunk.usage().ifPresent(u -> totals.add(u.totalTokens()));
      });
    }
    String whole = client.chat().completions().create(chat("Stream from Bedrock").build()).choices().get(0)
        .message().content().orElseThrow();
    assertThat(text.toString()).isEqualTo(whole);
    assertThat(finishes).containsExactly("stop");
    assertThat(totals).hasSize(1);
  }

  @Test
  void chat_streamingWithoutUsageOption_hasNoUsageChunk() {
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("No usage please").build())) {
      stream.stream().forEach(chunks::add);
    }
    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).isNotEmpty());
  }

  @Test
  void chat_parallelTools_nonStreaming_returnsBothToolCalls() {
    ChatCompletion completion = client.chat().completions().create(chat("Weather in Paris")
        .addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast")).build());
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(calls.get(0).asFunction().id()).startsWith("tooluse_");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
  }

  @Test
  void chat_streamingTools_argumentsArriveInPiecesAndReassemble() {
    Map<Long, StringBuilder> arguments = new TreeMap<>();
    Map<Long, String> names = new TreeMap<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("Weather in Oslo").addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast"))
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

  @Test
  void toolResultTurn_sentBack_isAnsweredWithText() {
    ChatCompletion first = client.chat().completions().create(chat("Weather in Rome")
        .addFunctionTool(tool("get_weather")).build());
    ChatCompletionMessageToolCall call = first.choices().get(0).message().toolCalls().orElseThrow().get(0);
    ChatCompletion second = client.chat().completions().create(chat("Weather in Rome")
        .addFunctionTool(tool("get_weather"))
        .addMessage(first.choices().get(0).message())
        .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
            .toolCallId(call.asFunction().id()).content("21C and sunny").build())
        .build());
    assertThat(second.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(second.choices().get(0).message().content()).isPresent();
  }

  @Test
  void droppableParameter_isNamedInWarningHeader() {
    var raw = client.chat().completions().withRawResponse().create(chat("hi").presencePenalty(0.4).seed(3L)
        .build());
    assertThat(raw.parse().choices()).hasSize(1);
    assertThat(raw.headers().values("x-switchboard-warning")).containsExactly("dropped unsupported parameters: presence_penalty, seed");
  }

  @Test
  void unsupportedParameter_isBadRequestNamingIt() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").n(2L).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.param()).contains("n");
        });
  }

  @Test
  void bedrockThrottling_surfacesAs429() {
    harness.sims().provider("bedrock").fault(Fault.status(429, 0));
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void badSignature_surfacesAsBadGatewayWithoutSecrets() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("bedrock-misconfigured").addUserMessage("hi").build()))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.getMessage()).doesNotContain("not-the-secret").doesNotContain("127.0.0.1");
        });
  }
}
