package dev.switchboard.core.config;

/**
 * Listener and request-handling settings. {@code header_timeout_ms}: a connection must deliver a complete request
 * head within this time of connecting, or of its previous response on keep-alive, or it is closed (slow-loris).
 * {@code http2_cleartext}: also serve HTTP/2 without TLS (prior knowledge or upgrade); off by default, because the
 * HTTP server then sees a connection only once its first request head is complete, so that first head is bounded
 * by the idle timeout alone.
 */
public record ServerConfig(
    String host,
    Integer port,
    Integer adminPort,
    Integer eventLoops,
    Long maxBodyBytes,
    Integer maxHeaderBytes,
    Integer jsonMaxDepth,
    Integer clientIdleTimeoutMs,
    Long shutdownGraceMs,
    TimeoutsConfig timeouts,
    Long headerTimeoutMs,
    Boolean http2Cleartext) {

  public ServerConfig {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
    eventLoops = eventLoops == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : eventLoops;
    maxBodyBytes = maxBodyBytes == null ? 10L * 1024 * 1024 : maxBodyBytes;
    maxHeaderBytes = maxHeaderBytes == null ? 16 * 1024 : maxHeaderBytes;
    jsonMaxDepth = jsonMaxDepth == null ? 32 : jsonMaxDepth;
    clientIdleTimeoutMs = clientIdleTimeoutMs == null ? 120_000 : clientIdleTimeoutMs;
    shutdownGraceMs = shutdownGraceMs == null ? 10_000L : shutdownGraceMs;
    timeouts = timeouts == null ? TimeoutsConfig.defaults() : timeouts;
    headerTimeoutMs = headerTimeoutMs == null ? 10_000L : headerTimeoutMs;
    http2Cleartext = http2Cleartext != null && http2Cleartext;
    if (headerTimeoutMs < 100) {
      throw new IllegalArgumentException("server.header_timeout_ms: must be at least 100 (got " + headerTimeoutMs
          + ")");
    }
  }

  /** Without {@code header_timeout_ms} (the default applies). */
  public ServerConfig(String host, Integer port, Integer adminPort, Integer eventLoops, Long maxBodyBytes,
      Integer maxHeaderBytes, Integer jsonMaxDepth, Integer clientIdleTimeoutMs, Long shutdownGraceMs,
      TimeoutsConfig timeouts) {
    this(host, port, adminPort, eventLoops, maxBodyBytes, maxHeaderBytes, jsonMaxDepth, clientIdleTimeoutMs,
        shutdownGraceMs, timeouts, null, null);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null, null, null, null, null, null, null);
  }
}
