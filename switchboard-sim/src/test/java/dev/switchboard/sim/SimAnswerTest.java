package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimAnswerTest {
  @Test
  void samePromptModelAndSeed_giveSameAnswer_otherSeedDiffers() {
    SimAnswer a = SimAnswer.generate("gpt-4o", "What is up?", "user: What is up?", 7, 42, 0);
    SimAnswer b = SimAnswer.generate("gpt-4o", "What is up?", "user: What is up?", 7, 42, 0);
    SimAnswer c = SimAnswer.generate("gpt-4o", "What is up?", "user: What is up?", 7, 43, 0);
    assertThat(a).isEqualTo(b);
    assertThat(a.text()).isNotEqualTo(c.text());
  }

  @Test
  void usage_isConsistentWithTheText() {
    SimAnswer answer = SimAnswer.generate("m", "count my words please", "user: count my words please", 8, 1, 0);
    assertThat(answer.completionTokens()).isEqualTo(SimAnswer.countTokens(answer.text()));
    assertThat(String.join("", answer.tokens())).isEqualTo(answer.text());
    assertThat(answer.text()).startsWith("Simulated answer: count my words please");
  }

  @Test
  void maxTokens_cutsTheAnswerWithFinishReasonLength() {
    SimAnswer answer = SimAnswer.generate("m", "hi", "user: hi", 5, 1, 3);
    assertThat(answer.completionTokens()).isEqualTo(3);
    assertThat(answer.finishReason()).isEqualTo("length");
  }

  @Test
  void promptTokens_countWordsPlusFourPerMessage() {
    SimPrompt prompt = SimPrompt.builder().add("system", "be brief").add("user", "hello there friend").build();
    assertThat(prompt.tokens()).isEqualTo(4 + 2 + 4 + 3);
    assertThat(prompt.lastUser()).isEqualTo("hello there friend");
  }

  @Test
  void latencyProfile_samplesMatchConfiguredMedianAndP99() {
    LatencyProfile profile = LatencyProfile.GPT_4O;
    SplittableRandom random = new SplittableRandom(3);
    double[] samples = new double[40_000];
    for (int i = 0; i < samples.length; i++) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      double z = Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
      samples[i] = profile.ttftMillis(z);
    }
    Arrays.sort(samples);
    assertThat(samples[samples.length / 2]).isBetween(330.0, 370.0);
    assertThat(samples[(int) (samples.length * 0.99)]).isBetween(1000.0, 1200.0);
  }

  @Test
  void instantProfile_hasNoDelay() {
    assertThat(LatencyProfile.INSTANT.ttftMillis(2.0)).isZero();
    assertThat(LatencyProfile.INSTANT.tokensPerSecond(1.0)).isInfinite();
  }

  @Test
  void faultParser_readsEveryField() {
    Fault fault = FaultParser.parse(dev.switchboard.api.Json.parseTrusted(
        "{\"type\":\"cut-stream\",\"after_chunks\":5}"));
    assertThat(fault.type()).isEqualTo(Fault.Type.CUT_STREAM);
    assertThat(fault.afterChunks()).isEqualTo(5);
    Fault status = FaultParser.parse(dev.switchboard.api.Json.parseTrusted("{\"type\":\"status\",\"status\":429}"));
    assertThat(status.status()).isEqualTo(429);
    assertThat(status.retryAfterSeconds()).isEqualTo(1);
  }
}
