package dev.switchboard.core.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicMessagesRequestTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|max_tokens",
      "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|model",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}|messages",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}|messages.0.role",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
          + "\"source\":{\"type\":\"text\",\"data\":\"x\"}}]}]}|messages.0.content.0.type",
      "{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tools.0",
      "{\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"sometimes\"},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|tool_choice.type"})
  void toOpenAi_invalidOrUnservableRequest_badRequestNamingTheField(String body, String param) {
    assertThatThrownBy(() -> AnthropicMessagesRequest.toOpenAi(Json.parseTrusted(body)))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.param()).isEqualTo(param);
        });
  }

  @Test
  void encoder_failureMidStream_endsWithErrorEventAndNothingAfter() {
    List<String> events = new ArrayList<>();
    List<ObjectNode> data = new ArrayList<>();
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude");
    AnthropicStreamEncoder.EventSink sink = (name, body) -> {
      events.add(name);
      data.add(body);
    };
    encoder.onChunk((ObjectNode) Json.parseTrusted("{\"id\":\"c1\",\"model\":\"gpt\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"Hel\"}}]}"), sink);
    encoder.onError(GatewayException.badGateway("The connection to the provider 'x' was closed.", "reset"), sink);
    encoder.onEnd(sink);
    assertThat(events).containsExactly("message_start", "content_block_start", "content_block_delta", "error");
    assertThat(data.get(3).path("error").path("type").asText()).isEqualTo("api_error");
    assertThat(data.get(3).path("type").asText()).isEqualTo("error");
  }
}
