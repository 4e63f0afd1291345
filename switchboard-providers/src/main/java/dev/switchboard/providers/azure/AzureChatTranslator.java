package dev.switchboard.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.TranslationContext;

/**
 * OpenAI chat completions ↔ Azure OpenAI. Azure speaks OpenAI's protocol with the deployment in the URL, so the
 * request loses {@code model} and streams ask for a usage chunk; the answer's {@code model} becomes the
 * deployment's upstream model when Azure leaves it empty, and Azure's content-filter annotations
 * ({@code prompt_filter_results}, {@code content_filter_results}) are left in place. A filtered answer already
 * carries {@code finish_reason: content_filter}. Pure.
 */
public final class AzureChatTranslator implements ChatTranslator {

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    openAiRequest.remove("model");
    if (openAiRequest.path("stream").asBoolean(false)) {
      JsonNode options = openAiRequest.get("stream_options");
      ObjectNode streamOptions = options instanceof ObjectNode o ? o : openAiRequest.objectNode();
      streamOptions.put("include_usage", true);
      openAiRequest.set("stream_options", streamOptions);
    }
    return openAiRequest;
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    if (providerResponse.path("model").asText("").isEmpty()) {
      providerResponse.put("model", context.upstreamModel());
    }
    if (providerResponse.path("object").asText("").isEmpty()) {
      providerResponse.put("object", "chat.completion");
    }
    return providerResponse;
  }
}
