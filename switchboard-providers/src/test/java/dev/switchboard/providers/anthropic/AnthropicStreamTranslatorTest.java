package dev.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTranslatorTest {
  private final List<ObjectNode> chunks = new ArrayList<>();
  private final AnthropicStreamTranslator translator = new AnthropicStreamTranslator("claude", 5L);

  private void send(String type, String data) {
    translator.onEvent(new SseEvent(type, data, null), chunks::add);
  }

  private void start() {
    send("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"c\","
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}");
  }

  @Test
  void errorEvent_overloaded_failsAsRetryableServerError() {
    start();
    assertThatThrownBy(() -> send("error",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
        .isInstanceOfSatisfying(UpstreamException.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
          assertThat(e.providerStatus()).isEqualTo(529);
          assertThat(e.getMessage()).contains("Overloaded");
        });
  }

  @Test
  void streamEnd_beforeMessageDelta_failsAsConnectionReset() {
    start();
    send("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\"}}");
    assertThatThrownBy(() -> translator.onEnd(chunks::add))
        .isInstanceOfSatisfying(UpstreamException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_RESET));
  }

  @Test
  void streamEnd_afterMessageDeltaWithoutMessageStop_stillReportsUsage() {
    start();
    send("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":9}}");
    translator.onEnd(chunks::add);
    ObjectNode last = chunks.get(chunks.size() - 1);
    assertThat(last.path("usage").path("completion_tokens").asLong()).isEqualTo(9);
    assertThat(last.path("usage").path("prompt_tokens").asLong()).isEqualTo(5);
  }

  @Test
  void malformedEvent_failsAsProtocolError() {
    assertThatThrownBy(() -> send("message_start", "{\"type\": \"message_start\", \"message\": {"))
        .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL));
  }
}
