package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.guard.GuardPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailsConfigTest {
  private static ConfigLoader loader() {
    return new ConfigLoader(Set.of("openai"), Map.of());
  }

  @Test
  void absentSection_guardrailsOff() {
    GuardrailsConfig g = loader().parse("server: { port: 8080 }").guardrails();
    assertThat(g.active()).isFalse();
    assertThat(g.injectionThreshold()).isEqualTo(GuardrailsConfig.DEFAULT_THRESHOLD);
    assertThat(g.piiEntities()).doesNotContain("DATE").contains("EMAIL", "CREDIT_CARD");
  }

  @Test
  void section_boundToRecord_andPolicy() {
    GuardrailsConfig g = loader().parse("""
        guardrails:
          pii: redact
          pii_entities: [email, CREDIT_CARD]
          injection: block
          injection_threshold: 0.7
          inline_max_chars: 1000
          workers: 3
        """).guardrails();
    assertThat(g.active()).isTrue();
    GuardPolicy policy = GuardPolicy.from(g);
    assertThat(policy.pii()).isEqualTo(GuardPolicy.PiiMode.REDACT);
    assertThat(policy.injection()).isEqualTo(GuardPolicy.InjectionMode.BLOCK);
    assertThat(policy.threshold()).isEqualTo(0.7);
    assertThat(policy.entities()).hasSize(2);
    assertThat(policy.id()).startsWith("pii=redact,inj=block@0.70");
  }

  @Test
  void badValues_reportedWithFieldPaths() {
    assertThatThrownBy(() -> loader().parse("""
        guardrails:
          pii: mask
          injection: warn
          pii_entities: [EMAIL, PASSPORT]
          injection_threshold: 1.5
          workers: 0
        """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
        "guardrails.pii: unknown mode 'mask' (one of [block, off, redact])",
        "guardrails.injection: unknown mode 'warn' (one of [block, flag, off])",
        "guardrails.pii_entities[1]: unknown entity type 'PASSPORT' (known: [API_KEY, AWS_ACCESS_KEY, BEARER_TOKEN, "
            + "CREDIT_CARD, DATE, EMAIL, IBAN, IP_ADDRESS, PHONE, URL, US_SSN])",
        "guardrails.injection_threshold: must be above 0 and at most 1",
        "guardrails.workers: must be positive"));
  }

  @Test
  void entityNames_matchTheDetectorsTypes() {
    Set<String> types = new java.util.HashSet<>();
    for (dev.switchboard.core.guard.PiiType type : dev.switchboard.core.guard.PiiType.values()) {
      types.add(type.label());
    }
    assertThat(GuardrailsValidation.ENTITIES).isEqualTo(types);
    assertThat(types).containsAll(GuardrailsConfig.DEFAULT_ENTITIES);
  }

  @Test
  void unknownField_named() {
    assertThatThrownBy(() -> loader().parse("guardrails:\n  pii_mode: redact\n"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
            .contains("guardrails").contains("pii_mode"));
  }
}
