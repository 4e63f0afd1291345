package dev.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  private static UpstreamException map(int status, String body) {
    return OpenAiErrors.map("acme", status, body.getBytes(StandardCharsets.UTF_8), -1);
  }

  @Test
  void rateLimited_isRetryable429() {
    UpstreamException e = OpenAiErrors.map("acme", 429, "{\"error\":{\"message\":\"slow down\"}}".getBytes(
        StandardCharsets.UTF_8), 2500);
    assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(e.kind().retryable()).isTrue();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfterSeconds()).isEqualTo(3);
  }

  @Test
  void serverError_keepsStatusAndIsRetryable() {
    UpstreamException e = map(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
    assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getMessage()).contains("acme").contains("overloaded");
  }

  @Test
  void contextLengthExceeded_isTypedByCodeOrMessage() {
    assertThat(map(400, "{\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}").kind())
        .isEqualTo(FailureKind.CONTEXT_LENGTH_EXCEEDED);
    UpstreamException byMessage = map(400, "{\"error\":{\"message\":\"This model's maximum context length is "
        + "8192 tokens\"}}");
    assertThat(byMessage.kind()).isEqualTo(FailureKind.CONTEXT_LENGTH_EXCEEDED);
    assertThat(byMessage.code()).isEqualTo("context_length_exceeded");
    assertThat(byMessage.status()).isEqualTo(400);
  }

  @Test
  void contentFilter_isTyped() {
    UpstreamException e = map(400, "{\"error\":{\"message\":\"flagged\",\"code\":\"content_filter\"}}");
    assertThat(e.kind()).isEqualTo(FailureKind.CONTENT_FILTERED);
    assertThat(e.type()).isEqualTo("content_filter");
    assertThat(e.kind().retryable()).isFalse();
  }

  @Test
  void providerRejectsGatewayKey_isBadGatewayWithoutEchoingTheKey() {
    UpstreamException e = map(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abc123456789\"}}");
    assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).doesNotContain("sk-proj");
  }

  @Test
  void otherClientError_isNotRetryableAndKeepsStatus() {
    UpstreamException e = map(422, "{\"error\":{\"message\":\"bad tool schema\"}}");
    assertThat(e.kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(e.kind().retryable()).isFalse();
    assertThat(e.status()).isEqualTo(422);
  }

  @Test
  void malformedErrorBody_stillMapsAndScrubsAddresses() {
    UpstreamException e = map(500, "<html>upstream 10.0.0.12:8443 failed, see http://internal.example/x</html>");
    assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(e.getMessage()).doesNotContain("10.0.0.12").doesNotContain("internal.example");
  }
}
