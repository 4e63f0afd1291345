package dev.switchboard.server.http;

/** Opens {@link SseWriter}'s package-private helpers to tests in other packages. */
public final class SseWriterAccess {
  private SseWriterAccess() {}

  public static boolean acceptsTrailers(String te) {
    return SseWriter.acceptsTrailers(te);
  }
}
