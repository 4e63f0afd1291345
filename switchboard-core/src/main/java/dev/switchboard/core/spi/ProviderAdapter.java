package dev.switchboard.core.spi;

import io.vertx.core.Future;

/**
 * Calls one provider for chat completions: translates the request, does the HTTP (with the provider's auth),
 * translates the answer or stream back, and maps failures to {@link UpstreamException}. Other endpoints are
 * optional capabilities ({@link EmbeddingsCapability}).
 */
public interface ProviderAdapter {
  /** The configured provider name. */
  String name();

  /** Fails with {@link UpstreamException} on any upstream failure. */
  Future<UpstreamResponse> chat(UpstreamRequest request);

  /** Releases connections. */
  default void close() {}
}
