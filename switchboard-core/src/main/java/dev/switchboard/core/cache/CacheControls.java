package dev.switchboard.core.cache;

import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;

/**
 * What the client asked of the cache, from its request headers.
 * <ul>
 *   <li>{@code x-switchboard-cache: no-store | no-cache | only-if-cached | semantic} (comma-separated):
 *   no-store keeps the answer out of the cache, no-cache skips the lookup, only-if-cached answers 504 on a miss,
 *   semantic opts a request into the semantic tier whatever its temperature;</li>
 *   <li>{@code x-switchboard-cache-ttl: SECONDS} shortens (never lengthens past the configured maximum) the life of
 *   the stored answer;</li>
 *   <li>{@code x-switchboard-cache-namespace: NAME} isolates answers further within the tenant.</li>
 * </ul>
 */
record CacheControls(boolean noStore, boolean noCache, boolean onlyIfCached, boolean semanticOptIn,
    long ttlSeconds, String namespace) {
  static final String HEADER = "x-switchboard-cache";
  static final String TTL_HEADER = "x-switchboard-cache-ttl";
  static final String NAMESPACE_HEADER = "x-switchboard-cache-namespace";
  static final int MAX_NAMESPACE_LENGTH = 64;

  static CacheControls of(Exchange exchange, long defaultTtl, long maxTtl) {
    String directives = exchange.header(HEADER);
    String ttlText = exchange.header(TTL_HEADER);
    String namespace = exchange.header(NAMESPACE_HEADER);
    if (directives == null && ttlText == null && namespace == null) {
      return new CacheControls(false, false, false, false, defaultTtl, null);
    }
    boolean noStore = false;
    boolean noCache = false;
    boolean onlyIfCached = false;
    boolean semantic = false;
    if (directives != null) {
      for (String raw : directives.split(",", 8)) {
        String directive = raw.trim().toLowerCase(java.util.Locale.ROOT);
        switch (directive) {
          case "no-store" -> noStore = true;
          case "no-cache" -> noCache = true;
          case "only-if-cached" -> onlyIfCached = true;
          case "semantic" -> semantic = true;
          case "" -> { }
          default -> throw GatewayException.badRequest("Unknown " + HEADER + " directive '" + clip(directive)
              + "'; use no-store, no-cache, only-if-cached or semantic.", HEADER);
        }
      }
    }
    return new CacheControls(noStore, noCache, onlyIfCached, semantic, ttl(ttlText, defaultTtl, maxTtl),
        namespace(namespace));
  }

  private static long ttl(String text, long defaultTtl, long maxTtl) {
    if (text == null) {
      return defaultTtl;
    }
    long seconds;
    try {
      seconds = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0) {
      throw GatewayException.badRequest(TTL_HEADER + " must be a whole number of seconds.", TTL_HEADER);
    }
    return Math.min(seconds, maxTtl);
  }

  private static String namespace(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAMESPACE_LENGTH || !validName(trimmed)) {
      throw GatewayException.badRequest(NAMESPACE_HEADER + " must be 1 to " + MAX_NAMESPACE_LENGTH
          + " characters from A-Z a-z 0-9 . _ -", NAMESPACE_HEADER);
    }
    return trimmed;
  }

  static boolean validName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String clip(String text) {
    return text.length() > 32 ? text.substring(0, 32) : text;
  }
}
