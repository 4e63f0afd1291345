package dev.switchboard.bench.load;

import java.util.Locale;

/** Reads durations written as {@code 500ms}, {@code 60s}, {@code 2m} or a bare number of seconds. */
public final class Durations {
  private Durations() {}

  public static long parseMillis(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return positive(Math.round(Double.parseDouble(value.substring(0, value.length() - 2))), text);
      }
      if (value.endsWith("s")) {
        return positive(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000), text);
      }
      if (value.endsWith("m")) {
        return positive(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60_000), text);
      }
      return positive(Math.round(Double.parseDouble(value) * 1000), text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 60s or 2m)");
    }
  }

  private static long positive(long millis, String text) {
    if (millis <= 0) {
      throw new IllegalArgumentException("duration must be positive: '" + text + "'");
    }
    return millis;
  }
}
