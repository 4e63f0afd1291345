package dev.switchboard.core.guard;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one type of personal data: a pattern proposes candidates, a validator (checksum, range check or, for weak
 * shapes, a context word before the candidate) keeps the real ones. Immutable and safe to share between threads.
 */
final class Recognizer {
  private final PiiType type;
  private final Pattern pattern;
  private final int group;
  private final BiPredicate<String, Matcher> validator;
  private final boolean needsDigit;

  Recognizer(PiiType type, Pattern pattern, int group, BiPredicate<String, Matcher> validator, boolean needsDigit) {
    this.type = type;
    this.pattern = pattern;
    this.group = group;
    this.validator = validator;
    this.needsDigit = needsDigit;
  }

  PiiType type() {
    return type;
  }

  /** Adds the validated spans found in {@code text}; {@code hasDigit} lets digit-only formats skip text without. */
  void find(String text, boolean hasDigit, List<PiiSpan> out) {
    if (needsDigit && !hasDigit) {
      return;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (validator.test(text, m)) {
        int end = trimEnd(text, m.start(group), m.end(group));
        if (end > m.start(group)) {
          out.add(new PiiSpan(type, m.start(group), end));
        }
      }
    }
  }

  /** URLs and the like do not end in sentence punctuation. */
  private int trimEnd(String text, int start, int end) {
    if (type != PiiType.URL) {
      return end;
    }
    while (end > start && ".,;:!?'\"".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }
}
