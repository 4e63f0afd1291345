package dev.switchboard.core.config;

/** Where soft-budget alerts go (besides the log): a webhook, retried with exponential back-off. */
public record BudgetAlertConfig(String webhookUrl, Integer maxAttempts, Long backoffMs) {
  public BudgetAlertConfig {
    maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    backoffMs = backoffMs == null ? 500L : backoffMs;
  }

  public static BudgetAlertConfig defaults() {
    return new BudgetAlertConfig(null, null, null);
  }
}
