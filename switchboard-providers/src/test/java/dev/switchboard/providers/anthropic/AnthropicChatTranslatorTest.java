package dev.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnthropicChatTranslatorTest {
  private static final TranslationContext CONTEXT = new TranslationContext("r", 1L, "claude-x");

  private static ObjectNode request(String extra) {
    return (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (extra.isEmpty() ? "" : "," + extra) + "}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"n\":2|n",
      "\"logprobs\":true|logprobs",
      "\"top_logprobs\":3|top_logprobs",
      "\"presence_penalty\":0.5|presence_penalty",
      "\"frequency_penalty\":-1|frequency_penalty",
      "\"logit_bias\":{\"50256\":-100}|logit_bias",
      "\"temperature\":1.5|temperature",
      "\"reasoning_effort\":\"high\"|reasoning_effort",
      "\"max_tokens\":0|max_tokens",
      "\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]|tools[0].type",
      "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"schema\":{\"type\":\"array\"}}}"
          + "|response_format.json_schema.schema"})
  void toProvider_parameterAnthropicCannotHonour_rejectedWith400NamingIt(String extra, String param) {
    assertThatThrownBy(() -> new AnthropicChatTranslator().toProvider(request(extra), CONTEXT))
        .isInstanceOfSatisfying(UpstreamException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.kind()).isEqualTo(FailureKind.BAD_REQUEST);
          assertThat(e.param()).isEqualTo(param);
          assertThat(e.toBody().path("error").path("param").asText()).isEqualTo(param);
        });
  }

  @Test
  void toProvider_audioContentPart_rejectedNamingThePart() {
    ObjectNode openAi = (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"text\",\"text\":\"listen\"},{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA\"}}]}]}");
    assertThatThrownBy(() -> new AnthropicChatTranslator().toProvider(openAi, CONTEXT))
        .isInstanceOfSatisfying(UpstreamException.class,
            e -> assertThat(e.param()).isEqualTo("messages[0].content[1].type"));
  }

  @Test
  void toProvider_toolCallArgumentsNotAnObject_rejected() {
    ObjectNode openAi = (ObjectNode) Json.parseTrusted("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"a\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":"
        + "{\"name\":\"f\",\"arguments\":\"{broken\"}}]}]}");
    assertThatThrownBy(() -> new AnthropicChatTranslator().toProvider(openAi, CONTEXT))
        .isInstanceOfSatisfying(UpstreamException.class,
            e -> assertThat(e.param()).isEqualTo("messages[1].tool_calls[0].function.arguments"));
  }

  @Test
  void toProvider_noMaxTokens_usesConfiguredDefault() {
    ObjectNode translated = new AnthropicChatTranslator(1234).toProvider(request(""), CONTEXT);
    assertThat(translated.path("max_tokens").asInt()).isEqualTo(1234);
    assertThat(translated.path("model").asText()).isEqualTo("claude-x");
  }

  @Test
  void toProvider_neutralValuesOfMissingParameters_dropped() {
    ObjectNode translated = new AnthropicChatTranslator().toProvider(request(
        "\"n\":1,\"presence_penalty\":0,\"frequency_penalty\":0,\"logprobs\":false,\"logit_bias\":{},\"seed\":3"),
        CONTEXT);
    assertThat(translated.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "messages", "max_tokens");
  }
}
