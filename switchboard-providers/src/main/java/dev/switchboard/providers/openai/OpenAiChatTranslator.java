package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.TranslationContext;
import java.util.Set;

/**
 * OpenAI's own protocol: requests pass through unchanged (unknown fields included) except that streams always
 * ask for a final usage chunk, so cost can be recorded; the gateway drops that chunk again for clients that did
 * not ask for it. Parameters a provider cannot take are removed by name.
 */
public final class OpenAiChatTranslator implements ChatTranslator {
  private final boolean requestStreamUsage;
  private final Set<String> droppedParameters;

  public OpenAiChatTranslator(boolean requestStreamUsage, Set<String> droppedParameters) {
    this.requestStreamUsage = requestStreamUsage;
    this.droppedParameters = Set.copyOf(droppedParameters);
  }

  public OpenAiChatTranslator() {
    this(true, Set.of());
  }

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    ObjectNode request = openAiRequest;
    for (String parameter : droppedParameters) {
      request.remove(parameter);
    }
    if (requestStreamUsage && request.path("stream").asBoolean(false)) {
      JsonNode options = request.get("stream_options");
      ObjectNode streamOptions = options instanceof ObjectNode o ? o.deepCopy() : request.objectNode();
      streamOptions.put("include_usage", true);
      request.set("stream_options", streamOptions);
    }
    return request;
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    return providerResponse;
  }
}
