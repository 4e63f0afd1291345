package dev.switchboard.core.guard;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replaces recognised spans with typed, numbered placeholders such as {@code <EMAIL_1>}. One instance serves one
 * request: the same value gets the same placeholder in every message, so the model can still tell two people's
 * addresses apart. Not thread-safe.
 */
public final class Placeholders {
  private final Map<String, String> assigned = new HashMap<>();
  private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

  /** {@code text} with every span replaced; spans must be non-overlapping and in text order. */
  public String apply(String text, List<PiiSpan> spans) {
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (PiiSpan span : spans) {
      out.append(text, at, span.start());
      out.append(placeholder(span.type(), text.substring(span.start(), span.end())));
      at = span.end();
    }
    out.append(text, at, text.length());
    return out.toString();
  }

  private String placeholder(PiiType type, String value) {
    return assigned.computeIfAbsent(type.name() + '\u0000' + value, k -> {
      int n = counters.merge(type, 1, Integer::sum);
      return "<" + type.label() + "_" + n + ">";
    });
  }

  /** How many distinct values of each type were replaced, by type name (sorted, for logs and errors). */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counters.forEach((type, n) -> out.put(type.label(), n));
    return out;
  }
}
