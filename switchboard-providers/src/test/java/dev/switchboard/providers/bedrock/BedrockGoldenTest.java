package dev.switchboard.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden files under {@code golden/bedrock}: each case in both directions, and event-stream transcripts. */
class BedrockGoldenTest {
  static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final TranslationContext CONTEXT = new TranslationContext("req-1", 1_764_000_000L, MODEL);
  private final BedrockChatTranslator translator = new BedrockChatTranslator("bedrock");

  @ParameterizedTest
  @ValueSource(strings = {"text", "system-multiturn", "tools", "tool-choice-named", "image"})
  void openAiRequest_translated_matchesConverseGolden(String name) throws IOException {
    ObjectNode request = (ObjectNode) golden("request-" + name + ".openai.json");
    assertThat(BedrockParameterPolicy.check(request)).isEmpty();
    ObjectNode converse = translator.toProvider(request, CONTEXT);
    assertSameJson(converse, golden("request-" + name + ".native.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "tools", "max-tokens-cached", "stop-sequence", "guardrail-partial"})
  void converseResponse_translated_matchesOpenAiGolden(String name) throws IOException {
    ObjectNode converse = (ObjectNode) golden("response-" + name + ".native.json");
    assertSameJson(translator.toOpenAi(converse, CONTEXT), golden("response-" + name + ".openai.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "tools-parallel", "max-tokens", "throttled", "model-error",
      "validation-context", "cut"})
  void eventStreamTranscript_decodedInAnySplit_matchesOpenAiChunks(String name) throws IOException {
    byte[] wire = encodeTranscript(golden("stream-" + name + ".events.json"));
    JsonNode expected = golden("stream-" + name + ".chunks.json");
    SplittableRandom random = new SplittableRandom(name.hashCode());
    for (int p = 0; p < 4; p++) {
      int pattern = p;
      List<ObjectNode> chunks = new ArrayList<>();
      BedrockStreamDecoder decoder = new BedrockStreamDecoder("bedrock",
          new BedrockStreamTranslator("bedrock", CONTEXT));
      UpstreamException error = catchThrowableOfType(UpstreamException.class, () -> {
        int at = 0;
        while (at < wire.length) {
          int size = pattern == 0 ? wire.length : pattern == 1 ? 1 : 1 + random.nextInt(64);
          size = Math.min(size, wire.length - at);
          decoder.feed(wire, at, size, chunks::add);
          at += size;
        }
        decoder.end(chunks::add);
      });
      assertSameJson(Json.mapper().valueToTree(chunks), expected.get("chunks"));
      assertError(expected.get("error"), error, name);
    }
  }

  @Test
  void providerErrors_mapped_matchGoldenTypesAndStatuses() throws IOException {
    for (JsonNode error : golden("errors.json")) {
      UpstreamException mapped = BedrockErrors.fromHttp("bedrock", error.get("status").asInt(),
          error.get("header").isNull() ? null : error.get("header").asText(),
          Json.write(error.get("body")), -1);
      assertError(error.get("expect"), mapped, error.get("name").asText());
      assertThat(mapped.getMessage()).doesNotContain("internal.amazon.com");
    }
  }

  /** Compares documents by their canonical form (so 14 as an int and as a long are the same). */
  static void assertSameJson(JsonNode actual, JsonNode expected) {
    assertThat(new String(Json.canonical(actual), StandardCharsets.UTF_8))
        .isEqualTo(new String(Json.canonical(expected), StandardCharsets.UTF_8));
  }

  private static void assertError(JsonNode expected, UpstreamException actual, String name) {
    if (expected == null || expected.isNull()) {
      assertThat(actual).as(name).isNull();
      return;
    }
    assertThat(actual).as(name).isNotNull();
    assertThat(actual.kind().name()).as(name).isEqualTo(expected.get("kind").asText());
    assertThat(actual.status()).as(name).isEqualTo(expected.get("status").asInt());
    assertThat(actual.type()).as(name).isEqualTo(expected.get("type").asText());
    assertThat(actual.code()).as(name).isEqualTo(expected.get("code").asText());
  }

  /** Encodes a transcript ({@code message_type}, {@code event_type}/{@code exception_type}, payload) to frames. */
  static byte[] encodeTranscript(JsonNode events) {
    List<byte[]> frames = new ArrayList<>();
    for (JsonNode event : events) {
      byte[] payload = Json.write(event.get("payload"));
      if (event.get("message_type").asText().equals("exception")) {
        frames.add(EventStreamCodec.encode(EventStreamMessage.of(payload, ":exception-type",
            event.get("exception_type").asText(), ":content-type", "application/json", ":message-type",
            "exception")));
      } else {
        frames.add(EventStreamCodec.encode(EventStreamMessage.of(payload, ":event-type",
            event.get("event_type").asText(), ":content-type", "application/json", ":message-type", "event")));
      }
    }
    return EventStreamCodecTest.concat(frames.toArray(new byte[0][]));
  }

  static JsonNode golden(String name) throws IOException {
    try (InputStream in = BedrockGoldenTest.class.getResourceAsStream("/golden/bedrock/" + name)) {
      assertThat(in).as(name).isNotNull();
      return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
