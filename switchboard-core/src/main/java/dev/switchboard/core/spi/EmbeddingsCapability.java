package dev.switchboard.core.spi;

import io.vertx.core.Future;

/** A provider that serves embeddings. The request and the answer are in OpenAI's {@code /v1/embeddings} form. */
public interface EmbeddingsCapability {
  Future<UpstreamResponse> embeddings(UpstreamRequest request);
}
