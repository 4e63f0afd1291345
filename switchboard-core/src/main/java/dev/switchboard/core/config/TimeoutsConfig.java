package dev.switchboard.core.config;

/** Upstream timeouts in milliseconds: connect, first byte (response head), whole request, and gap in a stream. */
public record TimeoutsConfig(Integer connectMs, Integer firstByteMs, Integer totalMs, Integer streamIdleMs) {
  public TimeoutsConfig {
    connectMs = connectMs == null ? 5_000 : connectMs;
    firstByteMs = firstByteMs == null ? 60_000 : firstByteMs;
    totalMs = totalMs == null ? 600_000 : totalMs;
    streamIdleMs = streamIdleMs == null ? 60_000 : streamIdleMs;
  }

  public static TimeoutsConfig defaults() {
    return new TimeoutsConfig(null, null, null, null);
  }

  /** These values, with any set in {@code override} taking precedence. */
  public TimeoutsConfig overriddenBy(TimeoutsConfig override) {
    return override == null ? this : override;
  }
}
