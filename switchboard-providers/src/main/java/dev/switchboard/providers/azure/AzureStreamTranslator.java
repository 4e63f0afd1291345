package dev.switchboard.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;

/**
 * Azure OpenAI chunks → OpenAI chunks. Azure opens a stream with a chunk that has no choices and only
 * {@code prompt_filter_results} (and empty {@code model}/{@code object}); that chunk is not forwarded. Other
 * chunks pass through with an empty {@code model} or {@code object} filled in. One instance per stream; pure.
 */
public final class AzureStreamTranslator implements StreamTranslator {
  private final String providerName;
  private final TranslationContext context;

  public AzureStreamTranslator(String providerName, TranslationContext context) {
    this.providerName = providerName;
    this.context = context;
  }

  @Override
  public void onEvent(SseEvent event, ChunkEmitter out) {
    if (event.isDone() || event.hasNoData()) {
      return;
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(event.dataBytes());
    } catch (Exception e) {
      throw protocol("sent a malformed stream event.");
    }
    if (!(parsed instanceof ObjectNode chunk)) {
      throw protocol("sent a stream event that is not a JSON object.");
    }
    JsonNode error = chunk.get("error");
    if (error != null && !error.isNull()) {
      throw AzureErrors.fromStream(providerName, error);
    }
    boolean noChoices = chunk.path("choices").isEmpty();
    JsonNode usage = chunk.get("usage");
    if (noChoices && (usage == null || usage.isNull())) {
      return;
    }
    if (chunk.path("model").asText("").isEmpty()) {
      chunk.put("model", context.upstreamModel());
    }
    if (chunk.path("object").asText("").isEmpty()) {
      chunk.put("object", "chat.completion.chunk");
    }
    out.emit(chunk);
  }

  private UpstreamException protocol(String what) {
    return new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName + "' " + what);
  }
}
