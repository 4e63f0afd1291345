package dev.switchboard.sim;

/**
 * A failure a simulated provider is told to show. {@code afterChunks} applies to stream cuts; {@code delayMs}
 * to slow streaming; {@code retryAfterSeconds} to 429/503.
 */
public record Fault(Type type, int status, int retryAfterSeconds, int afterChunks, long delayMs) {
  /** The kinds of failure. */
  public enum Type {
    NONE, STATUS, HANG, REFUSE, RESET, CUT_STREAM, MALFORMED, SLOW
  }

  public static final Fault NONE = new Fault(Type.NONE, 0, 0, 0, 0);

  public static Fault status(int status) {
    return new Fault(Type.STATUS, status, status == 429 || status == 503 ? 1 : 0, 0, 0);
  }

  public static Fault status(int status, int retryAfterSeconds) {
    return new Fault(Type.STATUS, status, retryAfterSeconds, 0, 0);
  }

  public static Fault hang() {
    return new Fault(Type.HANG, 0, 0, 0, 0);
  }

  public static Fault refuse() {
    return new Fault(Type.REFUSE, 0, 0, 0, 0);
  }

  public static Fault reset() {
    return new Fault(Type.RESET, 0, 0, 0, 0);
  }

  public static Fault cutStream(int afterChunks) {
    return new Fault(Type.CUT_STREAM, 0, 0, afterChunks, 0);
  }

  public static Fault malformed() {
    return new Fault(Type.MALFORMED, 0, 0, 0, 0);
  }

  public static Fault slow(long delayMsPerChunk) {
    return new Fault(Type.SLOW, 0, 0, 0, delayMsPerChunk);
  }
}
