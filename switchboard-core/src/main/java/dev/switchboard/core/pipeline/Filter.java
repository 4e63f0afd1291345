package dev.switchboard.core.pipeline;

import io.vertx.core.Future;

/**
 * One job on the per-request path. The request side returns exactly one {@link Verdict}: continue or answer.
 * The response side ({@link #onResponse}) runs, in reverse order, only for filters whose request side continued;
 * {@link #onComplete} runs, in reverse order, for every filter whose request side ran, once the response (or the
 * stream) is over, including short-circuited and failed requests.
 */
public interface Filter {
  /** A short name used in logs, errors and the chain description. */
  String name();

  /** Request side. Must not block; returns {@link Verdict#proceed()} or {@link Verdict#answer}. */
  Future<Verdict> onRequest(Exchange exchange);

  /**
   * Response side, when the response head is known. May return a replacement (for example a stream wrapped with
   * a {@link dev.switchboard.core.stream.ChunkObserver}). Runs on the event loop; must not block.
   */
  default GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
    return response;
  }

  /** After the whole response was written, failed or was abandoned by the client. */
  default void onComplete(Exchange exchange) {}
}
