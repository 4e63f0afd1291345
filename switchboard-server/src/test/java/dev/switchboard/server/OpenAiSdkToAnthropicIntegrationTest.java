package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
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

/** The official OpenAI Java SDK using a Claude model: the gateway speaks Anthropic's Messages API upstream. */
class OpenAiSdkToAnthropicIntegrationTest {
  private static GatewayHarness harness;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    harness = MixedProvidersHarness.start();
    client = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.CLIENT_KEY)
        .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @AfterEach
  void heal() {
    harness.sims().providers().forEach(p -> p.heal());
  }

  private static ChatCompletionCreateParams.Builder chat(String prompt) {
    return ChatCompletionCreateParams.builder().model("claude-sonnet").addSystemMessage("Be concise.")
        .addUserMessage(prompt);
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

  @Test
  void chat_notStreamed_answerAndUsageFromClaude() {
    var raw = client.chat().completions().withRawResponse().create(chat("Hello from OpenAI").build());
    ChatCompletion completion = raw.parse();
    String text = completion.choices().get(0).message().content().orElseThrow();
    assertThat(text).startsWith("Simulated answer: Hello from OpenAI");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(4 + 2 + 4 + 3);
    assertThat(usage.completionTokens()).isEqualTo(text.split(" ").length);
    assertThat(raw.headers().values("x-switchboard-provider")).containsExactly("claude-sim");
  }

  @Test
  void chat_streamed_sameTextAndUsageChunk() {
    StringBuilder text = new StringBuilder();
    List<CompletionUsage> usages = new ArrayList<>();
    List<String> finishes = new ArrayList<>();
    ChatCompletionCreateParams params = chat("Stream from Claude")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        if (!chunk.choices().isEmpty()) {
          chunk.choices().get(0).delta().content().ifPresent(text::append);
          chunk.choices().get(0).finishReason().ifPresent(f -> finishes.add(f.asString()));
        }
        chunk.usage().ifPresent(usages::add);
      });
    }
    ChatCompletion whole = client.chat().completions().create(chat("Stream from Claude").build());
    assertThat(text.toString()).isEqualTo(whole.choices().get(0).message().content().orElseThrow());
    assertThat(finishes).containsExactly("stop");
    assertThat(usages).hasSize(1);
    assertThat(usages.get(0).completionTokens()).isEqualTo(whole.usage().orElseThrow().completionTokens());
  }

  @Test
  void chat_parallelTools_toolCallsFromClaude() {
    ChatCompletion completion = client.chat().completions().create(chat("Weather in Paris")
        .addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast")).build());
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).asFunction().id()).startsWith("toolu_");
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
  }

  @Test
  void chat_streamedParallelTools_argumentsSplitAcrossChunksReassemble() {
    Map<Long, StringBuilder> arguments = new TreeMap<>();
    Map<Long, String> names = new TreeMap<>();
    List<Integer> fragments = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("Weather in Oslo").addFunctionTool(tool("get_weather")).addFunctionTool(tool("get_forecast"))
            .build())) {
      stream.stream().filter(c -> !c.choices().isEmpty()).forEach(chunk ->
          chunk.choices().get(0).delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
            call.function().flatMap(f -> f.name()).ifPresent(n -> names.put(call.index(), n));
            call.function().flatMap(f -> f.arguments()).filter(a -> !a.isEmpty()).ifPresent(a -> {
              fragments.add(a.length());
              arguments.computeIfAbsent(call.index(), k -> new StringBuilder()).append(a);
            });
          })));
    }
    assertThat(names).containsEntry(0L, "get_weather").containsEntry(1L, "get_forecast");
    assertThat(arguments.get(0L).toString()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(arguments.get(1L).toString()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(fragments.size()).isGreaterThan(2);
  }

  @Test
  void chat_jsonMode_answersTheReservedToolInputAsContent() {
    ChatCompletion completion = client.chat().completions().create(chat("City of Lisbon")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());
    assertThat(completion.choices().get(0).message().toolCalls()).isEmpty();
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.choices().get(0).message().content().orElseThrow()).isEqualTo("{}");
  }

  @Test
  void chat_parameterClaudeCannotHonour_isBadRequestNamingIt() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").n(2).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          Map<?, ?> body = e.body().convert(Map.class);
          Map<?, ?> error = body.containsKey("error") ? (Map<?, ?>) body.get("error") : body;
          assertThat(error.get("param")).as(body.toString()).isEqualTo("n");
        });
  }

  @Test
  void chat_claudeOverloaded_surfacesAsServerErrorWithoutTheProviderKey() {
    harness.sims().provider("claude-sim").fault(Fault.status(529, 0));
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(529);
          assertThat(e.getMessage()).doesNotContain(MixedProvidersHarness.ANTHROPIC_PROVIDER_KEY);
        });
  }
}
