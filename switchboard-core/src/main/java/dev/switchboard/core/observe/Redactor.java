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

  private static final List<String> SECRETS = List.of(
      "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----",
      "\\bsk-[A-Za-z0-9_\\-]{16,}",
      "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=\\-]{12,}",
      "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b",
      "\\bAIza[0-9A-Za-z_\\-]{35}",
      "\\bgh[pousr]_[A-Za-z0-9]{30,}",
      "\\bxox[abprs]-[A-Za-z0-9\\-]{10,}",
      "\\beyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}");
  private static final Pattern SECRET_FIELD = Pattern.compile(
      "(?i)(\"(?:api[_-]?key|apikey|password|passwd|secret|client_secret|authorization|access_token|refresh_token|"
          + "x-api-key|aws_secret_access_key)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");

  private final List<Pattern> patterns;

  /** @param piiPatterns extra regular expressions to mask (for example e-mail addresses or phone numbers) */
  public Redactor(List<String> piiPatterns) {
    List<Pattern> compiled = new ArrayList<>(SECRETS.size() + piiPatterns.size());
    for (String secret : SECRETS) {
      compiled.add(Pattern.compile(secret));
    }
    for (int i = 0; i < piiPatterns.size(); i++) {
      try {
        compiled.add(Pattern.compile(piiPatterns.get(i)));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("observability.sampling.redact[" + i + "]: not a valid regular expression: "
            + e.getDescription(), e);
      }
    }
    this.patterns = List.copyOf(compiled);
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SECRET_FIELD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
    for (Pattern pattern : patterns) {
      out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return out;
  }
}
