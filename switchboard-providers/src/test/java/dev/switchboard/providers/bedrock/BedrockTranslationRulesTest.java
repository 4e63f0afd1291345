package dev.switchboard.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parameter policy, request validation and error rules that the golden files do not cover. */
class BedrockTranslationRulesTest {
  private final BedrockChatTranslator translator = new BedrockChatTranslator("bedrock");

  private static ObjectNode request(String extraJson) {
    return (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (extraJson.isEmpty() ? "" : "," + extraJson) + "}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"n\":2|n",
      "\"logprobs\":true|logprobs",
      "\"top_logprobs\":3|top_logprobs",
      "\"logit_bias\":{\"50256\":-100}|logit_bias",
      "\"response_format\":{\"type\":\"json_object\"}|response_format",
      "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}}|response_format",
      "\"modalities\":[\"text\",\"audio\"]|modalities",
      "\"functions\":[{\"name\":\"f\"}]|functions"})
  void unsupportedParameter_checked_isRefusedNamingIt(String extra, String param) {
    UpstreamException error = catchThrowableOfType(UpstreamException.class,
        () -> BedrockParameterPolicy.check(request(extra)));
    assertThat(error).isNotNull();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo(param);
    assertThat(error.code()).isEqualTo("unsupported_parameter");
    assertThat(error.kind().retryable()).isFalse();
  }

  @Test
  void harmlessValues_ofRefusableParameters_pass() {
    assertThat(BedrockParameterPolicy.check(request("\"n\":1,\"logprobs\":false,\"logit_bias\":{},"
        + "\"response_format\":{\"type\":\"text\"},\"parallel_tool_calls\":true,\"stream_options\":"
        + "{\"include_usage\":true}"))).isEmpty();
  }

  @Test
  void droppableParameters_checked_areListedInRequestOrder() {
    assertThat(BedrockParameterPolicy.check(request("\"seed\":1,\"frequency_penalty\":0.1,\"user\":\"u\","
        + "\"parallel_tool_calls\":false,\"some_future_field\":1,\"temperature\":null")))
        .containsExactly("seed", "frequency_penalty", "user", "parallel_tool_calls", "some_future_field");
  }

  @Test
  void toolChoiceNone_withoutToolHistory_sendsNoTools() {
    ObjectNode request = request("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
        + "\"tool_choice\":\"none\"");
    assertThat(BedrockParameterPolicy.check(request)).isEmpty();
    assertThat(translator.toProvider(request, BedrockGoldenTest.CONTEXT).has("toolConfig")).isFalse();
  }

  @Test
  void toolChoiceNone_withToolHistory_keepsToolsAndReportsChoiceDropped() {
    ObjectNode request = (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"t1\",\"content\":\"ok\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"none\"}");
    assertThat(BedrockParameterPolicy.check(request)).containsExactly("tool_choice");
    ObjectNode converse = translator.toProvider(request, BedrockGoldenTest.CONTEXT);
    assertThat(converse.get("toolConfig").has("toolChoice")).isFalse();
    assertThat(converse.get("toolConfig").get("tools")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}"
          + "|messages[0].content[0].image_url",
      "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/bmp;base64,AA\"}}]}"
          + "|messages[0].content[0].image_url",
      "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]}|messages[0].content[0].type",
      "{\"role\":\"function\",\"content\":\"x\"}|messages[0].role",
      "{\"role\":\"tool\",\"content\":\"x\"}|messages[0].tool_call_id",
      "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"[1]\"}}]}"
          + "|messages[0].tool_calls[0].function.arguments"})
  void invalidMessage_translated_isRefusedNamingThePath(String message, String param) {
    ObjectNode request = (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":[" + message + "]}");
    UpstreamException error = catchThrowableOfType(UpstreamException.class,
        () -> translator.toProvider(request, BedrockGoldenTest.CONTEXT));
    assertThat(error).isNotNull();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.param()).isEqualTo(param);
  }

  @Test
  void filteredResponse_withNoOutput_isTypedContentFilteredError() {
    ObjectNode converse = (ObjectNode) Json.parseTrusted("{\"output\":{\"message\":{\"role\":\"assistant\","
        + "\"content\":[]}},\"stopReason\":\"content_filtered\",\"usage\":{\"inputTokens\":3,\"outputTokens\":0}}");
    UpstreamException error = catchThrowableOfType(UpstreamException.class,
        () -> translator.toOpenAi(converse, BedrockGoldenTest.CONTEXT));
    assertThat(error.kind()).isEqualTo(FailureKind.CONTENT_FILTERED);
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.type()).isEqualTo("content_filter");
  }

  @Test
  void streamException_withoutMessage_isStillTyped() {
    UpstreamException error = BedrockErrors.fromStream("bedrock", "serviceUnavailableException",
        "not json".getBytes(StandardCharsets.UTF_8));
    assertThat(error.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(error.status()).isEqualTo(503);
  }

  @Test
  void errorTypeHeader_withNamespaceAndUrl_isSanitised() {
    assertThat(BedrockErrors.sanitize("com.amazon.coral#ThrottlingException:http://internal.amazon.com/x"))
        .isEqualTo("ThrottlingException");
    assertThat(BedrockErrors.sanitize("throttlingException")).isEqualTo("ThrottlingException");
    assertThat(BedrockErrors.sanitize("")).isNull();
  }

  @Test
  void unknownErrorWithoutType_fallsBackToStatus() {
    UpstreamException error = BedrockErrors.fromHttp("bedrock", 502, null,
        "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8), -1);
    assertThat(error.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(error.status()).isEqualTo(502);
  }
}
