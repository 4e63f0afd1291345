package dev.switchboard.core.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets (API keys, bearer tokens, cloud credentials, private keys, JWTs, secret-named JSON fields) and
 * configured PII patterns with {@value #MASK} before a body is stored. Thread-safe.
 */
public final class Redactor {
  public static final String MASK = "[REDACTED]";

  /**
   * Built-in secret patterns, each with the literal text (any of them) that a match must contain, so a body is
   * scanned by a pattern only when one of its hints occurs in it.
   */
  private static final List<Rule> SECRETS = List.of(
      rule("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----", false, "-----BEGIN"),
      rule("\\bsk-[A-Za-z0-9_\\-]{16,}", false, "sk-"),
      rule("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=\\-]{12,}", true, "bearer"),
      rule("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b", false, "AKIA", "ASIA"),
      rule("\\bAIza[0-9A-Za-z_\\-]{35}", false, "AIza"),
      rule("\\bgh[pousr]_[A-Za-z0-9]{30,}", false, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
      rule("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}", false, "xox"),
      rule("\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}", false, "eyJ"));
  private static final Pattern SECRET_FIELD = Pattern.compile(
      "(?i)(\"(?:api[_-]?key|apikey|password|passwd|secret|client_secret|authorization|access_token|refresh_token|"
          + "x-api-key|aws_secret_access_key)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");

  /** A pattern and the hints that must occur for it to match (none: always scanned). */
  private record Rule(Pattern pattern, boolean ignoreCase, String[] hints) {
    boolean mayMatch(String text) {
      if (hints.length == 0) {
        return true;
      }
      for (String hint : hints) {
        if (ignoreCase ? containsIgnoreCase(text, hint) : text.contains(hint)) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Rule> rules;

  /** @param piiPatterns extra regular expressions to mask (for example e-mail addresses or phone numbers) */
  public Redactor(List<String> piiPatterns) {
    List<Rule> compiled = new ArrayList<>(SECRETS);
    for (int i = 0; i < piiPatterns.size(); i++) {
      try {
        compiled.add(new Rule(Pattern.compile(piiPatterns.get(i)), false, new String[0]));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("observability.sampling.redact[" + i + "]: not a valid regular expression: "
            + e.getDescription(), e);
      }
    }
    this.rules = List.copyOf(compiled);
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SECRET_FIELD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
    for (Rule rule : rules) {
      if (rule.mayMatch(out)) {
        out = rule.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
      }
    }
    return out;
  }

  private static Rule rule(String regex, boolean ignoreCase, String... hints) {
    return new Rule(Pattern.compile(regex), ignoreCase, hints);
  }

  private static boolean containsIgnoreCase(String text, String hint) {
    int last = text.length() - hint.length();
    char first = hint.charAt(0);
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || Character.toLowerCase(c) == first) && text.regionMatches(true, i, hint, 0, hint.length())) {
        return true;
      }
    }
    return false;
  }
}
