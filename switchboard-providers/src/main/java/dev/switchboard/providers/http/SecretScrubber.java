package dev.switchboard.providers.http;

import java.util.regex.Pattern;

/** Removes anything that looks like a credential or an internal address from text bound for a client or a log. */
public final class SecretScrubber {
  private static final Pattern KEY_LIKE = Pattern.compile(
      "(sk-[A-Za-z0-9_\\-*]{6,}|AKIA[A-Z0-9]{12,}|AIza[0-9A-Za-z_\\-]{20,}|Bearer\\s+\\S+|"
          + "(?i:api[_-]?key)[=:]\\s*\\S+)");
  private static final Pattern ADDRESS = Pattern.compile(
      "https?://[^\\s\"'<>]+|\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?\\b|\\blocalhost(?::\\d+)?\\b");

  private SecretScrubber() {}

  public static String scrub(String text) {
    if (text == null) {
      return null;
    }
    String cleaned = KEY_LIKE.matcher(text).replaceAll("[redacted]");
    cleaned = ADDRESS.matcher(cleaned).replaceAll("[address]");
    return cleaned.length() > 2_000 ? cleaned.substring(0, 2_000) + "…" : cleaned;
  }
}
