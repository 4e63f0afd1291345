package dev.switchboard.core.config;

/**
 * Active health probes: every {@code interval_ms} each probed deployment gets a one-token chat request
 * ({@code max_tokens: 1}) with a deadline of {@code timeout_ms}. A failure counts like a failed request (towards
 * ejection); a success lets an ejected deployment back in at once instead of after its ejection time. Off by
 * default ({@code enabled: false}); a deployment's own {@code probe: true|false} overrides {@code enabled}.
 */
public record ProbeConfig(Boolean enabled, Integer intervalMs, Integer timeoutMs) {
  public ProbeConfig {
    enabled = enabled == null ? Boolean.FALSE : enabled;
    intervalMs = intervalMs == null ? 10_000 : intervalMs;
    timeoutMs = timeoutMs == null ? 2_000 : timeoutMs;
  }

  public static ProbeConfig defaults() {
    return new ProbeConfig(null, null, null);
  }
}
