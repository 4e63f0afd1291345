package dev.switchboard.core.config;

import java.util.List;

/**
 * Request guardrails: personal-data redaction and prompt-injection detection, applied after authentication and
 * before the cache. A virtual key may override the modes with the metadata entries {@code guardrails.pii} and
 * {@code guardrails.injection}.
 *
 * @param pii {@code off}, {@code redact} (replace with typed placeholders such as {@code <EMAIL_1>}) or
 *     {@code block} (answer 400 {@code pii_detected})
 * @param piiEntities the types to look for (see {@code PiiType}); default every type but DATE
 * @param injection {@code off}, {@code flag} (record only) or {@code block} (answer 400
 *     {@code prompt_injection_detected})
 * @param injectionThreshold the score from 0 to 1 at or above which a prompt counts as an injection
 * @param inlineMaxChars requests with at most this much text are checked on the event loop (microseconds);
 *     larger ones on the guard's worker pool
 * @param workers threads of that worker pool
 */
public record GuardrailsConfig(String pii, List<String> piiEntities, String injection, Double injectionThreshold,
    Integer inlineMaxChars, Integer workers) {
  public static final List<String> DEFAULT_ENTITIES = List.of("EMAIL", "URL", "IBAN", "CREDIT_CARD", "US_SSN",
      "IP_ADDRESS", "API_KEY", "AWS_ACCESS_KEY", "BEARER_TOKEN", "PHONE");
  public static final double DEFAULT_THRESHOLD = 0.5;

  public GuardrailsConfig {
    pii = pii == null ? "off" : pii;
    piiEntities = piiEntities == null ? DEFAULT_ENTITIES : List.copyOf(piiEntities);
    injection = injection == null ? "off" : injection;
    injectionThreshold = injectionThreshold == null ? DEFAULT_THRESHOLD : injectionThreshold;
    inlineMaxChars = inlineMaxChars == null ? 2048 : inlineMaxChars;
    workers = workers == null ? 2 : workers;
  }

  public static GuardrailsConfig defaults() {
    return new GuardrailsConfig(null, null, null, null, null, null);
  }

  public boolean active() {
    return !"off".equals(pii) || !"off".equals(injection);
  }
}
