package dev.switchboard.server.http;

import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.EnumMap;
import java.util.Map;

/** Writes a chain's response to the client in the client's dialect, whole or as a stream. */
public final class ResponseWriter {
  private final Map<Dialect, ClientCodec> codecs = new EnumMap<>(Dialect.class);

  public ResponseWriter(Map<Dialect, ClientCodec> codecs) {
    this.codecs.putAll(codecs);
  }

  public ClientCodec codec(Dialect dialect) {
    ClientCodec codec = codecs.get(dialect);
    return codec != null ? codec : codecs.get(Dialect.OPENAI);
  }

  /** Writes {@code response}; {@code done} runs once the response is over (written, failed or abandoned). */
  public void write(HttpServerRequest request, Exchange exchange, GatewayResponse response, Runnable done) {
    HttpServerResponse out = request.response();
    exchange.record().status = response.status();
    if (out.closed()) {
      if (response instanceof GatewayResponse.Stream stream) {
        stream.chunks().cancel();
      }
      done.run();
      return;
    }
    out.setStatusCode(response.status());
    out.headers().addAll(exchange.responseHeaders());
    ClientCodec codec = codec(exchange.dialect());
    if (response instanceof GatewayResponse.Full full) {
      Buffer body = codec.encodeDocument(exchange, full.status(), full.body());
      out.putHeader("content-type", "application/json");
      out.end(body).onComplete(ignored -> done.run());
      return;
    }
    GatewayResponse.Stream stream = (GatewayResponse.Stream) response;
    new SseWriter(out, exchange, codec.newStreamEncoder(exchange), stream.chunks(), done).start();
  }
}
