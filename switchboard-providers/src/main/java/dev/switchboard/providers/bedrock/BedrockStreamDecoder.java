package dev.switchboard.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.providers.http.StreamDecoder;
import io.vertx.core.buffer.Buffer;

/**
 * AWS event-stream framing in front of {@link BedrockStreamTranslator}: reassembles frames across TCP reads,
 * checks their checksums, turns exception frames into typed failures and events into OpenAI chunks.
 */
public final class BedrockStreamDecoder implements StreamDecoder {
  private final String providerName;
  private final BedrockStreamTranslator translator;
  private final EventStreamCodec.Decoder decoder = new EventStreamCodec.Decoder();

  public BedrockStreamDecoder(String providerName, BedrockStreamTranslator translator) {
    this.providerName = providerName;
    this.translator = translator;
  }

  @Override
  public void feed(Buffer bytes, ChunkEmitter out) {
    byte[] array = bytes.getBytes();
    feed(array, 0, array.length, out);
  }

  /** The same for a byte range (benchmarks and tests feed arrays directly). */
  public void feed(byte[] bytes, int offset, int length, ChunkEmitter out) {
    try {
      decoder.feed(bytes, offset, length, message -> onMessage(message, out));
    } catch (EventStreamCodec.MalformedFrameException e) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
          + "' sent a corrupt event stream (" + e.getMessage() + ").");
    }
  }

  @Override
  public void end(ChunkEmitter out) {
    if (decoder.hasPartialMessage()) {
      throw new UpstreamException(FailureKind.CONNECTION_RESET, 200, "The provider '" + providerName
          + "' ended the stream in the middle of a message.");
    }
    translator.onEnd(out);
  }

  private void onMessage(EventStreamMessage message, ChunkEmitter out) {
    String messageType = message.stringHeader(":message-type");
    if ("exception".equals(messageType)) {
      throw BedrockErrors.fromStream(providerName, message.stringHeader(":exception-type"), message.payload());
    }
    if ("error".equals(messageType)) {
      throw BedrockErrors.fromStream(providerName, message.stringHeader(":error-code"), message.payload());
    }
    String eventType = message.stringHeader(":event-type");
    if (eventType == null) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
          + "' sent an event without a type.");
    }
    JsonNode payload;
    try {
      payload = message.payload().length == 0 ? Json.object() : Json.parse(message.payload());
    } catch (Exception e) {
      throw new UpstreamException(FailureKind.PROTOCOL, 200, "The provider '" + providerName
          + "' sent an event whose payload is not JSON.");
    }
    translator.onEvent(eventType, payload, out);
  }
}
