package dev.switchboard.core.pipeline;

/** The API operation a request asks for. */
public enum Endpoint {
  CHAT_COMPLETIONS,
  EMBEDDINGS,
  /** Anthropic's {@code /v1/messages}, served through the chat path. */
  MESSAGES,
  /** {@code GET /v1/models}. */
  MODELS,
  /** Gateway administration ({@code /admin/...}). */
  ADMIN
}
