package dev.switchboard.core.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.golden.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The served Anthropic dialect, against golden files: Anthropic request → canonical OpenAI request, OpenAI
 * completion → Anthropic message, OpenAI chunks → Anthropic SSE transcript, OpenAI error → Anthropic error.
 */
class AnthropicIngressGoldenTest {
  private static final Golden GOLDEN = new Golden("anthropic-ingress");

  static Stream<String> requestCases() {
    return GOLDEN.cases("request-", ".native.json").stream();
  }

  static Stream<String> responseCases() {
    return GOLDEN.cases("response-", ".openai.json").stream();
  }

  static Stream<String> streamCases() {
    return GOLDEN.cases("stream-", ".openai.json").stream();
  }

  static Stream<String> errorCases() {
    return GOLDEN.cases("error-", ".openai.json").stream();
  }

  @ParameterizedTest
  @MethodSource("requestCases")
  void request_anthropicRequest_matchesCanonicalGolden(String name) {
    JsonNode anthropic = GOLDEN.json(name + ".native.json");
    JsonNode before = anthropic.deepCopy();
    GOLDEN.assertMatches(name + ".openai.json", AnthropicMessagesRequest.toOpenAi(anthropic));
    assertThat(anthropic).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("responseCases")
  void response_openAiCompletion_matchesAnthropicGolden(String name) {
    ObjectNode completion = (ObjectNode) GOLDEN.json(name + ".openai.json");
    GOLDEN.assertMatches(name + ".native.json", AnthropicMessagesResponse.fromOpenAi(completion));
  }

  @ParameterizedTest
  @MethodSource("streamCases")
  void stream_openAiChunks_matchesAnthropicTranscriptGolden(String name) {
    StringBuilder transcript = new StringBuilder();
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude-sonnet-4-5");
    AnthropicStreamEncoder.EventSink sink = (event, data) -> transcript.append("event: ").append(event)
        .append("\ndata: ").append(Json.writeString(data)).append("\n\n");
    for (JsonNode chunk : GOLDEN.json(name + ".openai.json")) {
      encoder.onChunk((ObjectNode) chunk, sink);
    }
    encoder.onEnd(sink);
    GOLDEN.assertTextMatches(name + ".native.sse", transcript.toString());
  }

  @ParameterizedTest
  @MethodSource("errorCases")
  void error_openAiError_matchesAnthropicGolden(String name) {
    JsonNode error = GOLDEN.json(name + ".openai.json");
    ObjectNode actual = Json.object();
    actual.put("status", error.path("status").asInt());
    actual.set("body", AnthropicErrorBody.fromOpenAi(error.path("status").asInt(), error.get("body")));
    GOLDEN.assertMatches(name + ".native.json", actual);
  }
}
