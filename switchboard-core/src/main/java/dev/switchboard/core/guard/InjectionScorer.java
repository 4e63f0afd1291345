package dev.switchboard.core.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores how much a prompt looks like a prompt-injection or jailbreak attempt, from 0 to 1. The text is normalised
 * (NFKC, lower case, invisible characters removed, whitespace collapsed), then matched against phrase families:
 * instruction override, replacement tasks, persona jailbreaks, exfiltration of the system prompt or secrets, and
 * delimiter or encoding tricks; a second, letters-only form of the text catches phrases split by spaces or
 * punctuation. Each rule that fires contributes its weight as an independent piece of evidence:
 * {@code score = 1 - product(1 - weight)}. The rules live in {@code guard/injection-rules.tsv}. Immutable and
 * thread-safe.
 */
public final class InjectionScorer {
  public static final String RULES_RESOURCE = "guard/injection-rules.tsv";
  /** Longer prompts are scored on their first and last parts, where instructions sit. */
  static final int MAX_SCORED_CHARS = 16_384;

  private final List<InjectionRule> rules;

  InjectionScorer(List<InjectionRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The scorer with the built-in rules. */
  public static InjectionScorer builtIn() {
    try (InputStream in = InjectionScorer.class.getClassLoader().getResourceAsStream(RULES_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RULES_RESOURCE + " is missing");
      }
      return new InjectionScorer(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<InjectionRule> parse(BufferedReader reader) throws IOException {
    List<InjectionRule> out = new ArrayList<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", 4);
      if (fields.length < 3) {
        throw new IllegalStateException(RULES_RESOURCE + " line " + number + ": expected family, weight, pattern");
      }
      out.add(InjectionRule.parse(fields[0], Double.parseDouble(fields[1]), fields[2],
          fields.length == 4 ? fields[3] : null));
    }
    return out;
  }

  public int ruleCount() {
    return rules.size();
  }

  /** The score of one text. */
  public double score(String text) {
    return evaluate(text).score();
  }

  /** The score and the families that contributed. */
  public Result evaluate(String text) {
    if (text == null || text.isEmpty()) {
      return Result.NONE;
    }
    String normal = normalise(text);
    String compact = null;
    double keep = 1.0;
    List<String> families = null;
    for (InjectionRule rule : rules) {
      String subject = normal;
      if (rule.compact()) {
        if (compact == null) {
          compact = compact(normal);
        }
        subject = compact;
      }
      if (rule.matches(subject)) {
        keep *= 1.0 - rule.weight();
        if (families == null) {
          families = new ArrayList<>(4);
        }
        if (!families.contains(rule.family())) {
          families.add(rule.family());
        }
      }
    }
    return families == null ? Result.NONE : new Result(1.0 - keep, List.copyOf(families));
  }

  /** The score and which phrase families fired. */
  public record Result(double score, List<String> families) {
    static final Result NONE = new Result(0.0, List.of());
  }

  static String normalise(String text) {
    String s = text.length() > MAX_SCORED_CHARS
        ? text.substring(0, MAX_SCORED_CHARS / 2) + "\n" + text.substring(text.length() - MAX_SCORED_CHARS / 2)
        : text;
    if (!isAscii(s)) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad') {
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
        if (!space) {
          out.append(' ');
        }
        space = true;
        continue;
      }
      space = false;
      out.append(c == '\u2019' ? '\'' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  static String compact(String normal) {
    StringBuilder out = new StringBuilder(normal.length());
    for (int i = 0; i < normal.length(); i++) {
      char c = normal.charAt(i);
      if ((c >= 'a' && c <= 'z') || c == 'ä' || c == 'ö' || c == 'ü' || c == 'ß') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
