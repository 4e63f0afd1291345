package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
  private static final TokenEstimator estimator = new TokenEstimator();

  @BeforeAll
  static void loadVocabularies() throws InterruptedException {
    assertThat(estimator.awaitLoaded(120_000)).isTrue();
  }

  @Test
  void openAiModels_useTheirEncodingFamily() {
    assertThat(estimator.encodingFor("gpt-4o-mini").getName()).isEqualTo("o200k_base");
    assertThat(estimator.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
    assertThat(estimator.encodingFor("claude-3-5-sonnet").getName()).isEqualTo("cl100k_base");
  }

  @Test
  void chatPrompt_countsMessagesWithFramingTokens() throws Exception {
    String request = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}";
    long tokens = estimator.promptTokens("gpt-4o", Json.parse(request));
    // 3 (reply priming) + 3 (message framing) + 1 ("user") + 2 ("hello world")
    assertThat(tokens).isEqualTo(9);
  }

  @Test
  void completion_countsEveryChoiceText() throws Exception {
    String response = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello world\"}}]}";
    assertThat(estimator.completionTokens("gpt-4o", Json.parse(response))).isEqualTo(2);
    assertThat(estimator.count("gpt-4o", "")).isZero();
  }
}
