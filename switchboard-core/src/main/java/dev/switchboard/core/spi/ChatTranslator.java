package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pure translation of a chat request and its non-streamed response between OpenAI's form and a provider's.
 * No I/O, no logging, no clock, no configuration look-ups.
 */
public interface ChatTranslator {
  /** OpenAI chat-completions request → provider request body. */
  ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context);

  /** Provider response body → OpenAI {@code chat.completion}. */
  ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context);
}
