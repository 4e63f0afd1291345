package dev.switchboard.core.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One phrase of a prompt-injection family with its weight. Each rule has trigger strings, at least one of which must
 * occur in the text for the pattern to match at all: the rules file may list them, otherwise they are the literal
 * beginnings of the alternatives of the pattern's leading group. On ordinary prompts most rules then cost a few
 * {@code indexOf} calls, and the pattern is tried only from the first trigger on.
 */
record InjectionRule(String family, double weight, Pattern pattern, List<String> triggers) {
  static final String COMPACT = "compact";
  private static final String META = "()[]{}\\?*+|.^$";

  static InjectionRule parse(String family, double weight, String regex, String listed) {
    List<String> triggers = listed == null || listed.isBlank() ? triggers(regex)
        : List.copyOf(Arrays.asList(listed.split(",", -1)));
    return new InjectionRule(family, weight, Pattern.compile(regex, Pattern.MULTILINE), triggers);
  }

  boolean compact() {
    return COMPACT.equals(family);
  }

  boolean matches(String text) {
    int from = 0;
    if (!triggers.isEmpty()) {
      from = Integer.MAX_VALUE;
      for (String trigger : triggers) {
        int at = text.indexOf(trigger);
        if (at >= 0 && at < from) {
          from = at;
        }
      }
      if (from == Integer.MAX_VALUE) {
        return false;
      }
    }
    Matcher m = pattern.matcher(text);
    return m.find(from);
  }

  /**
   * The literal beginnings of the alternatives of a leading {@code \b(a|b|c)} or {@code (a|b|c)} group, or none
   * when an alternative has no literal beginning (then the pattern always runs).
   */
  static List<String> triggers(String regex) {
    String rest = regex.startsWith("\\b") ? regex.substring(2) : regex;
    if (!rest.startsWith("(")) {
      String literal = literalPrefix(rest);
      return literal.length() >= 3 ? List.of(literal) : List.of();
    }
    if (rest.startsWith("(?")) {
      return List.of();
    }
    int close = closingParen(rest);
    if (close < 0 || close + 1 < rest.length() && "?*{".indexOf(rest.charAt(close + 1)) >= 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String alternative : splitTopLevel(rest.substring(1, close))) {
      String prefix = literalPrefix(alternative);
      if (prefix.length() < 2) {
        return List.of();
      }
      out.add(prefix);
    }
    return List.copyOf(out);
  }

  private static String literalPrefix(String alternative) {
    int i = 0;
    while (i < alternative.length() && META.indexOf(alternative.charAt(i)) < 0) {
      i++;
    }
    if (i < alternative.length() && "?*{".indexOf(alternative.charAt(i)) >= 0 && i > 0) {
      i--;
    }
    return alternative.substring(0, i);
  }

  private static int closingParen(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitTopLevel(String group) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(group.substring(start, i));
        start = i + 1;
      }
    }
    out.add(group.substring(start));
    return out;
  }
}
