package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Set<String> TYPES = Set.of("openai", "anthropic");

  private static ConfigLoader loader(Map<String, String> env) {
    return new ConfigLoader(TYPES, env);
  }

  private static final String VALID = """
      server:
        port: 9000
        timeouts:
          first_byte_ms: 1234
      providers:
        - name: openai
          type: openai
          api_key: ${OPENAI_KEY}
          base_url: ${BASE:-http://127.0.0.1:9090/openai/v1}
        - name: claude
          type: anthropic
          api_keys: [k1, k2]
      models:
        - name: gpt-4o
          strategy: priority
          fallbacks: [claude-3-5-sonnet]
          deployments:
            - provider: openai
              model: gpt-4o
        - name: claude-3-5-sonnet
          deployments:
            - provider: claude
              model: claude-3-5-sonnet-20241022
      auth:
        keys:
          - key: sk-client-12345678
            name: team-a
      """;

  @Test
  void validConfig_bindsRecordsWithDefaultsAndEnvironment() {
    GatewayConfig config = loader(Map.of("OPENAI_KEY", "sk-abc")).parse(VALID);
    assertThat(config.server().port()).isEqualTo(9000);
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().timeouts().firstByteMs()).isEqualTo(1234);
    assertThat(config.server().timeouts().connectMs()).isEqualTo(5000);
    assertThat(config.providers().get(0).keys()).containsExactly("sk-abc");
    assertThat(config.providers().get(0).baseUrl()).isEqualTo("http://127.0.0.1:9090/openai/v1");
    assertThat(config.providers().get(1).keys()).containsExactly("k1", "k2");
    assertThat(config.models().get(0).deployments().get(0).id()).isEqualTo("openai/gpt-4o");
    assertThat(config.models().get(0).deployments().get(0).weight()).isEqualTo(1);
    assertThat(config.auth().keys()).hasSize(1);
  }

  @Test
  void environmentDefault_isOverriddenWhenVariableSet() {
    GatewayConfig config = loader(Map.of("OPENAI_KEY", "x", "BASE", "http://127.0.0.1:1/v1")).parse(VALID);
    assertThat(config.providers().get(0).baseUrl()).isEqualTo("http://127.0.0.1:1/v1");
  }

  @Test
  void missingEnvironmentVariable_namesFieldAndVariable() {
    assertThatThrownBy(() -> loader(Map.of()).parse(VALID))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .containsExactly("providers[0].api_key: environment variable OPENAI_KEY is not set"));
  }

  @Test
  void unknownProviderInDeployment_isReportedWithItsPath() {
    String text = VALID.replace("provider: claude", "provider: antropic");
    assertThatThrownBy(() -> loader(Map.of("OPENAI_KEY", "x")).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .contains("models[1].deployments[0].provider: unknown provider 'antropic'"));
  }

  @Test
  void unknownFallbackModel_isReportedWithItsPath() {
    String text = VALID.replace("fallbacks: [claude-3-5-sonnet]", "fallbacks: [claude-3-opus]");
    assertThatThrownBy(() -> loader(Map.of("OPENAI_KEY", "x")).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .contains("models[0].fallbacks[0]: unknown model 'claude-3-opus'"));
  }

  @Test
  void unknownField_isReportedWithItsPath() {
    String text = VALID.replace("model: gpt-4o\n", "model: gpt-4o\n        wieght: 3\n");
    assertThatThrownBy(() -> loader(Map.of("OPENAI_KEY", "x")).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .containsExactly("models[0].deployments[0].wieght: unknown field 'wieght'"));
  }

  @Test
  void wrongType_isReportedWithItsPath() {
    String text = VALID.replace("port: 9000", "port: lots");
    assertThatThrownBy(() -> loader(Map.of("OPENAI_KEY", "x")).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0))
            .startsWith("server.port:"));
  }

  @Test
  void unknownProviderTypeAndStrategy_andDuplicates_areAllReported() {
    String text = """
        providers:
          - name: a
            type: openia
          - name: a
            type: openai
        models:
          - name: m
            strategy: fastest
            deployments: []
        """;
    assertThatThrownBy(() -> loader(Map.of()).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
            "providers[0].type: unknown provider type 'openia' (known: [anthropic, openai])",
            "providers[1].name: duplicate provider name 'a'",
            "models[0].strategy: unknown strategy 'fastest' (known: "
                + "[cost, latency, least-busy, priority, quota, round-robin, weighted])",
            "models[0].deployments: at least one deployment is required"));
  }

  @Test
  void invalidUrlPortAndShortKey_areReported() {
    String text = """
        server:
          port: 70000
        providers:
          - name: p
            type: openai
            base_url: ftp://example
        auth:
          keys:
            - key: short
        """;
    assertThatThrownBy(() -> loader(Map.of()).parse(text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
            "server.port: must be between 0 and 65535, got 70000",
            "providers[0].base_url: must be an http or https URL, got 'ftp://example'",
            "auth.keys[0].key: must be at least 8 characters"));
  }

  @Test
  void environmentValueWithYamlSyntax_cannotInjectStructure() {
    GatewayConfig config = loader(Map.of("OPENAI_KEY", "x\nmodels: []\n", "BASE", "http://127.0.0.1:2/v1"))
        .parse(VALID);
    assertThat(config.providers().get(0).keys()).containsExactly("x\nmodels: []\n");
    assertThat(config.models()).hasSize(2);
  }

  @Test
  void emptyDocument_givesDefaults() {
    GatewayConfig config = loader(Map.of()).parse("");
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.providers()).isEmpty();
  }

  @Test
  void malformedYaml_isReported() {
    assertThatThrownBy(() -> loader(Map.of()).parse("server: [unclosed"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0))
            .startsWith("configuration is not valid YAML"));
  }

  @Test
  void providerToString_neverShowsKeys() {
    GatewayConfig config = loader(Map.of("OPENAI_KEY", "sk-secret-value")).parse(VALID);
    assertThat(config.toString()).doesNotContain("sk-secret-value").doesNotContain("sk-client-12345678");
  }
}
