package dev.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.golden.Golden;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.SseStreamDecoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files in both directions: OpenAI request → Anthropic request, Anthropic response → OpenAI response,
 * Anthropic SSE transcript → OpenAI chunks, Anthropic error → OpenAI-shaped error.
 */
class AnthropicGoldenTest {
  private static final Golden GOLDEN = new Golden("anthropic");
  private static final TranslationContext CONTEXT = new TranslationContext("req-golden", 1_764_000_000L,
      "claude-sonnet-4-5-20250929");

  static Stream<String> requestCases() {
    return GOLDEN.cases("request-", ".openai.json").stream();
  }

  static Stream<String> responseCases() {
    return GOLDEN.cases("response-", ".native.json").stream();
  }

  static Stream<String> streamCases() {
    return GOLDEN.cases("stream-", ".native.sse").stream();
  }

  static Stream<String> errorCases() {
    return GOLDEN.cases("error-", ".native.json").stream();
  }

  @ParameterizedTest
  @MethodSource("requestCases")
  void request_openAiRequest_matchesNativeGolden(String name) {
    ObjectNode openAi = (ObjectNode) GOLDEN.json(name + ".openai.json");
    ObjectNode before = openAi.deepCopy();
    ObjectNode translated = new AnthropicChatTranslator().toProvider(openAi, CONTEXT);
    GOLDEN.assertMatches(name + ".native.json", translated);
    assertThat(openAi).as("the canonical request is not modified").isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("responseCases")
  void response_nativeResponse_matchesOpenAiGolden(String name) {
    ObjectNode translated = new AnthropicChatTranslator().toOpenAi((ObjectNode) GOLDEN.json(name + ".native.json"),
        CONTEXT);
    GOLDEN.assertMatches(name + ".openai.json", translated);
  }

  @ParameterizedTest
  @MethodSource("streamCases")
  void stream_nativeTranscript_matchesOpenAiChunksGolden(String name) {
    byte[] transcript = GOLDEN.text(name + ".native.sse").getBytes(StandardCharsets.UTF_8);
    ArrayNode whole = decode(transcript, transcript.length);
    GOLDEN.assertMatches(name + ".openai.json", whole);
  }

  @ParameterizedTest
  @MethodSource("streamCases")
  void stream_transcriptSplitAnywhere_givesSameChunks(String name) {
    byte[] transcript = GOLDEN.text(name + ".native.sse").getBytes(StandardCharsets.UTF_8);
    ArrayNode whole = decode(transcript, transcript.length);
    for (int piece : new int[] {1, 3, 7, 64}) {
      assertThat(decode(transcript, piece)).as("split every " + piece + " bytes").isEqualTo(whole);
    }
  }

  @ParameterizedTest
  @MethodSource("errorCases")
  void error_nativeError_matchesOpenAiGolden(String name) {
    JsonNode nativeError = GOLDEN.json(name + ".native.json");
    UpstreamException error = AnthropicErrors.map("anthropic", nativeError.path("status").asInt(),
        Json.write(nativeError.get("body")), nativeError.path("status").asInt() == 429 ? 20_000 : -1);
    ObjectNode actual = Json.object();
    actual.put("status", error.status());
    actual.put("kind", error.kind().name());
    actual.put("retryable", error.kind().retryable());
    actual.put("retry_after_seconds", error.retryAfterSeconds());
    actual.set("body", error.toBody());
    GOLDEN.assertMatches(name + ".openai.json", actual);
  }

  private static ArrayNode decode(byte[] transcript, int pieceSize) {
    ArrayNode chunks = Json.array();
    SseStreamDecoder decoder = new SseStreamDecoder(new AnthropicStreamTranslator("anthropic", 1_764_000_000L));
    for (int at = 0; at < transcript.length; at += pieceSize) {
      int length = Math.min(pieceSize, transcript.length - at);
      decoder.feed(Buffer.buffer().appendBytes(transcript, at, length), chunks::add);
    }
    decoder.end(chunks::add);
    return chunks;
  }
}
