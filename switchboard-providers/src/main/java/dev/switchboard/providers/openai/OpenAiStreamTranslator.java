package dev.switchboard.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.stream.SseEvent;
import dev.switchboard.providers.http.SecretScrubber;

/** OpenAI's chunks are already canonical; this parses them, skips {@code [DONE]} and surfaces error events. */
public final class OpenAiStreamTranslator implements StreamTranslator {
  private final String providerName;

  public OpenAiStreamTranslator(String providerName) {
    this.providerName = providerName;
  }

  @Override
  public void onEvent(SseEvent event, ChunkEmitter out) {
    if (event.isDone() || event.hasNoData()) {
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.parse(event.dataBytes());
    } catch (Exception e) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200,
          "The provider '" + providerName + "' sent a malformed stream event.");
    }
    if (!(chunk instanceof ObjectNode object)) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200,
          "The provider '" + providerName + "' sent a stream event that is not a JSON object.");
    }
    JsonNode error = object.get("error");
    if (error != null && !error.isNull()) {
      throw new UpstreamException(FailureKind.SERVER_ERROR, 200, "The provider '" + providerName
          + "' reported an error mid-stream: " + SecretScrubber.scrub(error.path("message").asText("unknown")));
    }
    out.emit(object);
  }
}
