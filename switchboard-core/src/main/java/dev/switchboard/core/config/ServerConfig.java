package dev.switchboard.core.config;

/** Listener and request-handling settings. */
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
    TimeoutsConfig timeouts) {

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
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null, null, null, null, null, null, null);
  }
}
