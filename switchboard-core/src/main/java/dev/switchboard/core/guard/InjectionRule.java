package dev.switchboard.core.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One phrase of a prompt-injection family with its weight. A rule whose pattern starts with a group of plain words
 * gets those words as a cheap pre-check, so most rules cost one {@code indexOf} on ordinary prompts.
 */
record InjectionRule(String family, double weight, Pattern pattern, List<String> triggers) {
  static final String COMPACT = "compact";

  static InjectionRule parse(String family, double weight, String regex) {
    return new InjectionRule(family, weight, Pattern.compile(regex, Pattern.MULTILINE), triggers(regex));
  }

  boolean compact() {
    return COMPACT.equals(family);
  }

  boolean matches(String text) {
    if (!triggers.isEmpty()) {
      boolean any = false;
      for (String trigger : triggers) {
        if (text.contains(trigger)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return pattern.matcher(text).find();
  }

  /** The alternatives of a leading {@code \b(a|b|c)} or {@code (a|b|c)} group when all are plain words. */
  static List<String> triggers(String regex) {
    String rest = regex.startsWith("\\b") ? regex.substring(2) : regex;
    if (!rest.startsWith("(") || rest.startsWith("(?")) {
      return List.of();
    }
    int close = rest.indexOf(')');
    if (close < 0 || close + 1 < rest.length() && "?*{".indexOf(rest.charAt(close + 1)) >= 0) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (String word : rest.substring(1, close).split("\\|", -1)) {
      if (word.isEmpty() || !word.matches("[a-zäöüß' ]+")) {
        return List.of();
      }
      words.add(word);
    }
    return List.copyOf(words);
  }
}
