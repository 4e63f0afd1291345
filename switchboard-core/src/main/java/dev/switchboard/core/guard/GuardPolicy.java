package dev.switchboard.core.guard;

import dev.switchboard.core.config.GuardrailsConfig;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The guard rules in force for one request: what to do about personal data and about prompt injection. Its
 * {@link #id()} scopes cached answers, so a request checked under one policy never gets an answer stored under
 * another.
 */
public record GuardPolicy(PiiMode pii, Set<PiiType> entities, InjectionMode injection, double threshold) {
  /** Virtual-key metadata entry overriding the PII mode. */
  public static final String PII_OVERRIDE = "guardrails.pii";
  /** Virtual-key metadata entry overriding the injection mode. */
  public static final String INJECTION_OVERRIDE = "guardrails.injection";

  public enum PiiMode { OFF, REDACT, BLOCK }

  public enum InjectionMode { OFF, FLAG, BLOCK }

  public GuardPolicy {
    entities = entities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(entities));
  }

  public static GuardPolicy from(GuardrailsConfig config) {
    Set<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (String name : config.piiEntities()) {
      PiiType type = PiiType.parse(name);
      if (type != null) {
        types.add(type);
      }
    }
    return new GuardPolicy(PiiMode.valueOf(config.pii().toUpperCase(Locale.ROOT)), types,
        InjectionMode.valueOf(config.injection().toUpperCase(Locale.ROOT)), config.injectionThreshold());
  }

  /** This policy with a key's overrides applied; unknown values leave the configured mode in force. */
  public GuardPolicy withOverrides(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return this;
    }
    PiiMode p = parse(PiiMode.class, metadata.get(PII_OVERRIDE), pii);
    InjectionMode i = parse(InjectionMode.class, metadata.get(INJECTION_OVERRIDE), injection);
    return p == pii && i == injection ? this : new GuardPolicy(p, entities, i, threshold);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  public boolean inactive() {
    return pii == PiiMode.OFF && injection == InjectionMode.OFF;
  }

  /** A short, stable name of the policy for cache scoping, for example {@code pii=redact,inj=block@0.50}. */
  public String id() {
    if (inactive()) {
      return "";
    }
    return "pii=" + pii.name().toLowerCase(Locale.ROOT) + ",inj=" + injection.name().toLowerCase(Locale.ROOT)
        + String.format(Locale.ROOT, "@%.2f", threshold) + ",types=" + entityMask();
  }

  private int entityMask() {
    int mask = 0;
    for (PiiType type : entities) {
      mask |= 1 << type.ordinal();
    }
    return mask;
  }
}
