package dev.switchboard.providers.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.shared.ParameterPolicy.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterPolicyTest {
  private final ParameterPolicy policy = ParameterPolicy.of("groq", Map.of("user", Action.DROP,
      "logit_bias", Action.REJECT, "n", Action.REJECT));

  private static ObjectNode request(String json) {
    return (ObjectNode) Json.parseTrusted(json);
  }

  @Test
  void droppedParameter_present_removedWithWarning() {
    ObjectNode body = request("{\"model\":\"m\",\"user\":\"u-1\",\"temperature\":0.2}");
    List<String> warnings = policy.apply(body);
    assertThat(body.has("user")).isFalse();
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(warnings).containsExactly("dropped parameter 'user' (not supported by provider 'groq')");
  }

  @Test
  void rejectedParameter_present_fails400NamingTheParameter() {
    ObjectNode body = request("{\"model\":\"m\",\"logit_bias\":{\"1\":5}}");
    assertThatThrownBy(() -> policy.apply(body)).isInstanceOfSatisfying(UpstreamException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.param()).isEqualTo("logit_bias");
      assertThat(e.kind()).isEqualTo(FailureKind.BAD_REQUEST);
      assertThat(e.getMessage()).contains("logit_bias").contains("groq");
    });
  }

  @Test
  void rejectedParameter_atOpenAiDefaultOrNull_removedSilently() {
    ObjectNode body = request("{\"model\":\"m\",\"n\":1,\"logit_bias\":null}");
    assertThat(policy.apply(body)).isEmpty();
    assertThat(body.has("n")).isFalse();
    assertThat(body.has("logit_bias")).isFalse();
  }

  @Test
  void rejectedParameter_nonDefaultValue_fails() {
    ObjectNode body = request("{\"model\":\"m\",\"n\":2}");
    assertThatThrownBy(() -> policy.apply(body)).isInstanceOf(UpstreamException.class);
  }

  @Test
  void overrides_fromProviderOptions_changeActions() {
    ParameterPolicy adjusted = policy.withOverrides(Map.of("pass_parameters", "user", "drop_parameters",
        "logit_bias, seed", "reject_parameters", "stop"));
    assertThat(adjusted.actions()).containsEntry("logit_bias", Action.DROP).containsEntry("seed", Action.DROP)
        .containsEntry("stop", Action.REJECT).doesNotContainKey("user");
    ObjectNode body = request("{\"user\":\"u\",\"logit_bias\":{\"1\":5}}");
    assertThat(adjusted.apply(body)).hasSize(1);
    assertThat(body.has("user")).isTrue();
  }

  @Test
  void unknownParameters_notInPolicy_passThrough() {
    ObjectNode body = request("{\"model\":\"m\",\"top_k\":5}");
    assertThat(policy.apply(body)).isEmpty();
    assertThat(body.get("top_k").asInt()).isEqualTo(5);
  }
}
