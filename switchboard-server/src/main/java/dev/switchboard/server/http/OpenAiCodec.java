package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI's dialect. Streams are {@code data: <chunk>} events ending with {@code data: [DONE]}. The final usage
 * chunk (always requested upstream, for accounting) is written only when the client asked for it.
 */
public final class OpenAiCodec implements ClientCodec {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final byte[] DATA = "data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] END_OF_EVENT = "\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Override
  public Buffer encodeDocument(Exchange exchange, int status, ObjectNode body) {
    return Buffer.buffer(Json.write(body));
  }

  @Override
  public StreamEncoder newStreamEncoder(Exchange exchange) {
    boolean wantsUsage = exchange.wantsStreamUsage();
    return new StreamEncoder() {
      @Override
      public Buffer chunk(ObjectNode chunk) {
        if (!wantsUsage) {
          JsonNode usage = chunk.get("usage");
          if (usage != null) {
            JsonNode choices = chunk.get("choices");
            if (usage.isObject() && (choices == null || choices.isEmpty())) {
              return null;
            }
            chunk.remove("usage");
          }
        }
        return event(chunk);
      }

      @Override
      public Buffer end() {
        return DONE.copy();
      }

      @Override
      public Buffer error(GatewayException error) {
        return event(error.toBody());
      }
    };
  }

  static Buffer event(ObjectNode json) {
    byte[] payload = Json.write(json);
    Buffer buffer = Buffer.buffer(payload.length + 8);
    buffer.appendBytes(DATA).appendBytes(payload).appendBytes(END_OF_EVENT);
    return buffer;
  }
}
