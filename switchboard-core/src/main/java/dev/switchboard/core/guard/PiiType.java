package dev.switchboard.core.guard;

/**
 * The kinds of personal data and secrets the guard recognises in-process. Each is found by a pattern and, where the
 * format has one, a checksum or range check. Names, street addresses, places and organisations need a language model
 * (named-entity recognition) and are not among them.
 */
public enum PiiType {
  EMAIL,
  URL,
  IBAN,
  CREDIT_CARD,
  US_SSN,
  IP_ADDRESS,
  API_KEY,
  AWS_ACCESS_KEY,
  BEARER_TOKEN,
  DATE,
  PHONE;

  /** The name used in configuration and placeholders (for example {@code CREDIT_CARD}). */
  public String label() {
    return name();
  }

  /** Parses a configuration name, case-insensitively; null when unknown. */
  public static PiiType parse(String name) {
    if (name == null) {
      return null;
    }
    for (PiiType type : values()) {
      if (type.name().equalsIgnoreCase(name.trim())) {
        return type;
      }
    }
    return null;
  }
}
