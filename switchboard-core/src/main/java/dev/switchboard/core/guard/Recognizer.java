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
  private final String[] anyOf;
  private final Starts starts;

  /** Where a match may begin; the pattern is tried only there (anchored), instead of at every position. */
  @FunctionalInterface
  interface Starts {
    boolean at(String text, int index);
  }

  Recognizer(PiiType type, Pattern pattern, int group, BiPredicate<String, Matcher> validator, boolean needsDigit,
      String... anyOf) {
    this(type, pattern, group, validator, needsDigit, null, anyOf);
  }

  Recognizer(PiiType type, Pattern pattern, int group, BiPredicate<String, Matcher> validator, boolean needsDigit,
      Starts starts, String... anyOf) {
    this.type = type;
    this.pattern = pattern;
    this.group = group;
    this.validator = validator;
    this.needsDigit = needsDigit;
    this.starts = starts;
    this.anyOf = anyOf;
  }

  /** The same recogniser, tried only where {@code starts} allows. */
  Recognizer startingAt(Starts where) {
    return new Recognizer(type, pattern, group, validator, needsDigit, where, anyOf);
  }

  PiiType type() {
    return type;
  }

  /**
   * Adds the validated spans found in {@code text}. Formats made of digits skip text without any ({@code hasDigit}),
   * and formats with a fixed marker (an {@code @}, a prefix) skip text where no marker occurs.
   */
  void find(String text, boolean hasDigit, List<PiiSpan> out) {
    if (needsDigit && !hasDigit || !anyOccurs(text)) {
      return;
    }
    Matcher m = pattern.matcher(text);
    if (starts == null) {
      while (m.find()) {
        accept(text, m, out);
      }
      return;
    }
    m.useTransparentBounds(true).useAnchoringBounds(false);
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (starts.at(text, i)) {
        m.region(i, n);
        if (m.lookingAt() && accept(text, m, out)) {
          i = Math.max(m.end(), i + 1);
          continue;
        }
      }
      i++;
    }
  }

  private boolean accept(String text, Matcher m, List<PiiSpan> out) {
    if (!validator.test(text, m)) {
      return false;
    }
    int end = trimEnd(text, m.start(group), m.end(group));
    if (end > m.start(group)) {
      out.add(new PiiSpan(type, m.start(group), end));
    }
    return true;
  }

  private boolean anyOccurs(String text) {
    if (anyOf.length == 0) {
      return true;
    }
    for (String marker : anyOf) {
      if (text.contains(marker)) {
        return true;
      }
    }
    return false;
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
