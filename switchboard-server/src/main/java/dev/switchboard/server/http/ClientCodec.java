package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.buffer.Buffer;

/** Writes canonical (OpenAI-form) responses in one client dialect. */
public interface ClientCodec {
  /** A whole document: a success body, or an OpenAI-shaped error body when {@code status >= 400}. */
  Buffer encodeDocument(Exchange exchange, int status, ObjectNode body);

  /** A fresh encoder for one stream. */
  StreamEncoder newStreamEncoder(Exchange exchange);

  /** Encodes one stream's events. Each returned buffer is one or more complete events. */
  interface StreamEncoder {
    /** The frames for one chunk, or null to write nothing. */
    Buffer chunk(ObjectNode chunk);

    /** The closing frames of a stream that ended normally. */
    Buffer end();

    /** The frames reporting a failure after the stream began. */
    Buffer error(GatewayException error);
  }
}
