package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.sim.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against Switchboard's {@code /v1/messages}, routed both to the Anthropic
 * simulator (model "claude-sonnet") and to the OpenAI simulator (model "gpt-4o").
 */
class AnthropicSdkIntegrationTest {
  private static GatewayHarness harness;
  private static AnthropicClient client;

  @BeforeAll
  static void start() throws Exception {
    harness = MixedProvidersHarness.start();
    client = sdk(GatewayHarness.CLIENT_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @AfterEach
  void heal() {
    harness.sims().providers().forEach(p -> p.heal());
  }

  private static AnthropicClient sdk(String key) {
    return AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey(key).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  private static MessageCreateParams.Builder ask(String model, String prompt) {
    return MessageCreateParams.builder().model(model).maxTokens(256).system("Be concise.").addUserMessage(prompt);
  }

  private static Tool tool(String name) {
    return Tool.builder().name(name).description("Look up " + name)
        .inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .addRequired("city").build())
        .build();
  }

  private static String text(Message message) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
    }
    return text.toString();
  }

  private static List<ToolUseBlock> toolUses(Message message) {
    List<ToolUseBlock> uses = new ArrayList<>();
    for (ContentBlock block : message.content()) {
      block.toolUse().ifPresent(uses::add);
    }
    return uses;
  }

  private static Message streamed(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet", "gpt-4o"})
  void messages_notStreamed_answersTextWithUsage(String model) {
    var raw = client.messages().withRawResponse().create(ask(model, "Hello there gateway").build());
    Message message = raw.parse();
    assertThat(text(message)).startsWith("Simulated answer: Hello there gateway");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isEqualTo(4 + 2 + 4 + 3);
    assertThat(message.usage().outputTokens()).isEqualTo(text(message).split(" ").length);
    assertThat(raw.headers().values("x-switchboard-provider"))
        .containsExactly(model.equals("gpt-4o") ? "primary" : "claude-sim");
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet", "gpt-4o"})
  void messages_streamed_accumulatesToTheNotStreamedMessage(String model) {
    Message whole = client.messages().create(ask(model, "Stream this answer").build());
    Message streamed = streamed(ask(model, "Stream this answer").build());
    assertThat(text(streamed)).isEqualTo(text(whole));
    assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
    assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
    assertThat(streamed.usage().inputTokens()).isEqualTo(whole.usage().inputTokens());
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet", "gpt-4o"})
  void messages_parallelTools_notStreamedAndStreamedGiveTheSameCalls(String model) {
    MessageCreateParams params = ask(model, "Weather in Paris").addTool(tool("get_weather"))
        .addTool(tool("get_forecast")).build();
    Message whole = client.messages().create(params);
    Message streamed = streamed(params);
    for (Message message : List.of(whole, streamed)) {
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
      List<ToolUseBlock> uses = toolUses(message);
      assertThat(uses).extracting(ToolUseBlock::name).containsExactly("get_weather", "get_forecast");
      assertThat(uses.get(0)._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
    }
    assertThat(toolUses(streamed)).extracting(ToolUseBlock::id)
        .isEqualTo(toolUses(whole).stream().map(ToolUseBlock::id).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet", "gpt-4o"})
  void messages_toolResultTurn_answersWithText(String model) {
    MessageCreateParams first = ask(model, "Weather in Paris").addTool(tool("get_weather")).build();
    Message call = client.messages().create(first);
    ToolUseBlock use = toolUses(call).get(0);
    MessageCreateParams second = first.toBuilder().addMessage(call.toParam())
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
            .toolUseId(use.id()).content("18 degrees and cloudy").build())))
        .build();
    Message answer = client.messages().create(second);
    assertThat(answer.stopReason()).contains(StopReason.END_TURN);
    assertThat(text(answer)).startsWith("Simulated answer:");
  }

  @Test
  void messages_cacheControlOnSystem_passesThroughAndReportsCacheWriteThenRead() {
    MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet").maxTokens(64)
        .systemOfTextBlockParams(List.of(TextBlockParam.builder()
            .text("A long policy document shared by every request of this tenant")
            .cacheControl(CacheControlEphemeral.builder().build()).build()))
        .addUserMessage("Summarise the policy").build();
    Message first = client.messages().create(params);
    Message second = streamed(params);
    long cachedPrefix = 4 + 11;
    assertThat(first.usage().cacheCreationInputTokens()).contains(cachedPrefix);
    assertThat(first.usage().cacheReadInputTokens()).contains(0L);
    assertThat(second.usage().cacheReadInputTokens()).contains(cachedPrefix);
    assertThat(second.usage().cacheCreationInputTokens()).contains(0L);
    assertThat(second.usage().inputTokens()).isEqualTo(first.usage().inputTokens()).isEqualTo(4 + 3);
  }

  @Test
  void messages_wrongKey_isUnauthorizedInAnthropicShape() {
    assertThatThrownBy(() -> sdk("sk-not-a-real-key").messages().create(ask("claude-sonnet", "hi").build()))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.body().toString()).contains("authentication_error");
        });
  }

  @Test
  void messages_unknownModel_isNotFound() {
    assertThatThrownBy(() -> client.messages().create(ask("claude-9", "hi").build()))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-sonnet", "gpt-4o"})
  void messages_upstreamRateLimited_isRateLimitError(String model) {
    harness.sims().providers().forEach(p -> p.fault(Fault.status(429, 0)));
    assertThatThrownBy(() -> client.messages().create(ask(model, "hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
  }

  @Test
  void messages_upstreamOverloadedMidStream_endsWithErrorEvent() {
    harness.sims().provider("claude-sim").fault(Fault.cutStream(5));
    assertThatThrownBy(() -> streamed(ask("claude-sonnet", "A long answer please").build()))
        .isInstanceOf(com.anthropic.errors.AnthropicException.class);
  }

  @Test
  void messages_invalidJson_answersAnthropicErrorDocument() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(harness.baseUrl() + "/v1/messages"))
        .header("x-api-key", GatewayHarness.CLIENT_KEY).header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = Json.parseTrusted(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.path("error").path("message").asText()).contains("max_tokens");
  }

  @Test
  void messages_serviceErrorCarriesNoProviderSecret() {
    harness.sims().provider("claude-sim").fault(Fault.status(500));
    assertThatThrownBy(() -> client.messages().create(ask("claude-sonnet", "hi").build()))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.body().toString()).doesNotContain(MixedProvidersHarness.ANTHROPIC_PROVIDER_KEY)
              .contains("api_error");
        });
  }
}
