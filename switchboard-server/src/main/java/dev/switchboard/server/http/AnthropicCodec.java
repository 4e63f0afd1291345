package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.dialect.anthropic.AnthropicErrorBody;
import dev.switchboard.core.dialect.anthropic.AnthropicMessagesResponse;
import dev.switchboard.core.dialect.anthropic.AnthropicStreamEncoder;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's dialect ({@code /v1/messages}): documents as Anthropic Messages, errors as
 * {@code {"type":"error","error":{...}}}, streams as named events ({@code event: <name>} + {@code data: <json>}).
 */
public final class AnthropicCodec implements ClientCodec {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

  @Override
  public Buffer encodeDocument(Exchange exchange, int status, ObjectNode body) {
    ObjectNode document = status >= 400 ? AnthropicErrorBody.fromOpenAi(status, body)
        : AnthropicMessagesResponse.fromOpenAi(body);
    return Buffer.buffer(Json.write(document));
  }

  /** An Anthropic-shaped error document for a failure before the chain ran. */
  public static Buffer error(GatewayException error) {
    return Buffer.buffer(Json.write(AnthropicErrorBody.of(error)));
  }

  @Override
  public StreamEncoder newStreamEncoder(Exchange exchange) {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(exchange.model());
    return new StreamEncoder() {
      private Buffer pending;
      private final AnthropicStreamEncoder.EventSink sink = (name, data) -> {
        byte[] payload = Json.write(data);
        if (pending == null) {
          pending = Buffer.buffer(payload.length + name.length() + 16);
        }
        pending.appendBytes(EVENT).appendString(name, "US-ASCII").appendBytes(DATA).appendBytes(payload)
            .appendBytes(END_OF_EVENT);
      };

      @Override
      public Buffer chunk(ObjectNode chunk) {
        encoder.onChunk(chunk, sink);
        return take();
      }

      @Override
      public Buffer end() {
        encoder.onEnd(sink);
        return take();
      }

      @Override
      public Buffer error(GatewayException error) {
        encoder.onError(error, sink);
        return take();
      }

      private Buffer take() {
        Buffer frames = pending;
        pending = null;
        return frames;
      }
    };
  }
}
