package dev.switchboard.sim;

/**
 * The text of a prompt as the simulators count it: every message's text joined, the last user turn, and the
 * token count (words, plus 4 per message for the role framing).
 */
public record SimPrompt(String whole, String lastUser, long tokens) {
  /** Accumulates messages in order. */
  public static final class Builder {
    private final StringBuilder whole = new StringBuilder();
    private String lastUser = "";
    private long tokens;

    public Builder add(String role, String text) {
      String safe = text == null ? "" : text;
      whole.append(role).append(": ").append(safe).append('\n');
      tokens += 4 + SimAnswer.countTokens(safe);
      if ("user".equals(role)) {
        lastUser = safe;
      }
      return this;
    }

    public SimPrompt build() {
      return new SimPrompt(whole.toString(), lastUser, tokens);
    }
  }

  public static Builder builder() {
    return new Builder();
  }
}
