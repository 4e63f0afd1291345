package dev.switchboard.core.stream;

/**
 * A push stream of OpenAI chat-completion chunks with flow control. Started once; the source delivers chunks to
 * the sink on its own event loop.
 */
public interface ChunkStream {
  void start(ChunkSink sink);

  /** Stop delivering until {@link #resume()} (the client's socket is full). */
  void pause();

  void resume();

  /** Abandon the stream and release the upstream (the client went away). Idempotent. */
  void cancel();
}
