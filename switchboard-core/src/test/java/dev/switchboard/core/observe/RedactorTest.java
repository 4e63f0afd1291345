package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor(List.of("\\b\\d{3}-\\d{2}-\\d{4}\\b"));

  @Test
  void masksEveryBuiltInSecretKind() {
    String text = "keys: sk-proj-abcdefghijklmnop1234 / Authorization: BEARER abcdefghijklmnop / AKIAABCDEFGHIJKLMNOP"
        + " / AIzaSyA1234567890abcdefghijklmnopqrstuv / ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        + " / xoxb-1234567890-abcdef / eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4"
        + " / -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
    String out = redactor.redact(text);
    assertThat(out).doesNotContain("sk-proj", "abcdefghijklmnop", "AKIAABCD", "AIzaSy", "ghp_", "xoxb-", "eyJhbG",
        "MIIEow");
    assertThat(out).contains("BEARER [REDACTED]".replace("BEARER ", "")).startsWith("keys: [REDACTED] / ");
  }

  @Test
  void masksSecretNamedFieldsAndConfiguredPatterns_leavesOtherTextAlone() {
    String out = redactor.redact("{\"api_key\":\"plain-value\",\"note\":\"ssn 123-45-6789, fine text\"}");
    assertThat(out).isEqualTo("{\"api_key\":\"[REDACTED]\",\"note\":\"ssn [REDACTED], fine text\"}");
    String clean = "{\"messages\":[{\"role\":\"user\",\"content\":\"How can I improve my time management?\"}]}";
    assertThat(redactor.redact(clean)).isSameAs(clean);
  }
}
