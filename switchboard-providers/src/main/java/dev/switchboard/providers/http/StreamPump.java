package dev.switchboard.providers.http;

import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.spi.FailureKind;
import dev.switchboard.core.spi.UpstreamException;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.core.stream.PushChunkStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import java.util.Map;

/**
 * Connects a streaming HTTP response to a {@link PushChunkStream} through a decoder. The returned future
 * completes when the first chunk is decoded, so that anything failing before then can be retried elsewhere;
 * later failures end the stream with an error.
 */
public final class StreamPump {
  private StreamPump() {}

  public static Future<UpstreamResponse> start(HttpClientResponse response, UpstreamHttp.Exchange exchange,
      StreamDecoder decoder, UpstreamHttp http) {
    return start(response, exchange, decoder, http, java.util.List.of());
  }

  /** As {@link #start(HttpClientResponse, UpstreamHttp.Exchange, StreamDecoder, UpstreamHttp)}, with warnings. */
  public static Future<UpstreamResponse> start(HttpClientResponse response, UpstreamHttp.Exchange exchange,
      StreamDecoder decoder, UpstreamHttp http, java.util.List<String> warnings) {
    PushChunkStream stream = new PushChunkStream();
    Promise<UpstreamResponse> first = Promise.promise();
    stream.producer(new PushChunkStream.Producer() {
      @Override
      public void pause() {
        response.pause();
      }

      @Override
      public void resume() {
        response.resume();
      }

      @Override
      public void cancel() {
        exchange.cancel();
      }
    });
    UpstreamResponse.Streaming streaming = new UpstreamResponse.Streaming(stream, warnings);
    dev.switchboard.core.spi.ChunkEmitter emitter = chunk -> {
      stream.emit(chunk);
      if (!first.future().isComplete()) {
        first.tryComplete(streaming);
      }
    };
    response.handler(bytes -> {
      try {
        decoder.feed(bytes, emitter);
      } catch (GatewayException e) {
        fail(first, stream, exchange, e);
      } catch (RuntimeException e) {
        fail(first, stream, exchange, new UpstreamException(FailureKind.PROTOCOL, response.statusCode(),
            "The provider '" + http.providerName() + "' sent a malformed stream."));
      }
    });
    response.exceptionHandler(e -> fail(first, stream, exchange, http.transportFailure(e)));
    response.endHandler(v -> {
      try {
        decoder.end(emitter);
      } catch (GatewayException e) {
        fail(first, stream, exchange, e);
        return;
      } catch (RuntimeException e) {
        fail(first, stream, exchange, new UpstreamException(FailureKind.PROTOCOL, response.statusCode(),
            "The provider '" + http.providerName() + "' sent a malformed stream."));
        return;
      }
      exchange.finish();
      if (!first.future().isComplete()) {
        first.tryFail(new UpstreamException(FailureKind.PROTOCOL, response.statusCode(),
            "The provider '" + http.providerName() + "' ended the stream without any event."));
      } else {
        stream.end();
      }
    });
    exchange.release(response);
    return first.future();
  }

  private static void fail(Promise<UpstreamResponse> first, PushChunkStream stream, UpstreamHttp.Exchange exchange,
      GatewayException error) {
    if (!first.future().isComplete()) {
      first.tryFail(error);
      exchange.cancel();
    } else {
      stream.fail(error);
      exchange.cancel();
    }
  }
}
