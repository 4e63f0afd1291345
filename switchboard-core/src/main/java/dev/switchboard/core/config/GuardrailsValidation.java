package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks the {@code guardrails} section; each message names the field it concerns. */
final class GuardrailsValidation {
  static final Set<String> PII_MODES = Set.of("off", "redact", "block");
  static final Set<String> INJECTION_MODES = Set.of("off", "flag", "block");
  static final Set<String> ENTITIES = Set.of("EMAIL", "URL", "IBAN", "CREDIT_CARD", "US_SSN", "IP_ADDRESS",
      "API_KEY", "AWS_ACCESS_KEY", "BEARER_TOKEN", "DATE", "PHONE");

  private GuardrailsValidation() {}

  static List<String> problems(GuardrailsConfig g) {
    List<String> problems = new ArrayList<>();
    if (!PII_MODES.contains(g.pii())) {
      problems.add("guardrails.pii: unknown mode '" + g.pii() + "' (one of [block, off, redact])");
    }
    if (!INJECTION_MODES.contains(g.injection())) {
      problems.add("guardrails.injection: unknown mode '" + g.injection() + "' (one of [block, flag, off])");
    }
    for (int i = 0; i < g.piiEntities().size(); i++) {
      String entity = g.piiEntities().get(i);
      if (entity == null || !ENTITIES.contains(entity.trim().toUpperCase(Locale.ROOT))) {
        problems.add("guardrails.pii_entities[" + i + "]: unknown entity type '" + entity + "' (known: "
            + new java.util.TreeSet<>(ENTITIES) + ")");
      }
    }
    double t = g.injectionThreshold();
    if (!(t > 0.0 && t <= 1.0)) {
      problems.add("guardrails.injection_threshold: must be above 0 and at most 1");
    }
    if (g.inlineMaxChars() < 0) {
      problems.add("guardrails.inline_max_chars: must not be negative");
    }
    if (g.workers() <= 0) {
      problems.add("guardrails.workers: must be positive");
    }
    return problems;
  }
}
