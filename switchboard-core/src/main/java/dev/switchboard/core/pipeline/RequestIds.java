package dev.switchboard.core.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code x-request-id} when it is safe to echo, otherwise a fresh time-ordered one. */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  public static String fromClientOrNew(String clientId) {
    if (clientId != null && isSafe(clientId)) {
      return clientId;
    }
    return newId();
  }

  /**
   * {@code req_} + 12 hex digits of the current epoch millisecond + 12 random hex digits. Ids made later sort
   * later, so the request log's primary-key index grows at its end instead of at a random page per insert.
   */
  public static String newId() {
    return newId(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
  }

  static String newId(long epochMillis, long random) {
    char[] out = new char[4 + 24];
    out[0] = 'r';
    out[1] = 'e';
    out[2] = 'q';
    out[3] = '_';
    for (int i = 0; i < 12; i++) {
      out[4 + i] = HEX[(int) ((epochMillis >>> (44 - 4 * i)) & 0xF)];
      out[16 + i] = HEX[(int) ((random >>> (44 - 4 * i)) & 0xF)];
    }
    return new String(out);
  }

  /** At most 128 characters of letters, digits, '-', '_', '.', ':'. */
  static boolean isSafe(String id) {
    if (id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_' || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
