package dev.switchboard.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.TimeoutsConfig;
import dev.switchboard.core.spi.Cancellation;
import dev.switchboard.core.spi.UpstreamRequest;
import dev.switchboard.core.spi.UpstreamResponse;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.stream.ChunkSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller outside Vert.x may attach its handlers long after the whole response has arrived (a descheduled test
 * thread, a tool). The response must wait for them instead of delivering its body and end to nobody.
 */
class UpstreamHttpOffLoopTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static UpstreamHttp http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/stream")) {
        request.response().setChunked(true).putHeader("content-type", "text/event-stream");
        request.response().write("data: one\n\n");
        request.response().end("data: two\n\n");
      } else if (request.path().equals("/error")) {
        request.response().setStatusCode(503).end("{\"error\":{\"message\":\"busy\"}}");
      } else {
        request.response().end("{\"answer\":42}");
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    http = new UpstreamHttp(vertx, "test", 4, TimeoutsConfig.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static UpstreamRequest call(boolean stream) {
    return new UpstreamRequest("req-1", "m", null, stream, null, TimeoutsConfig.defaults(), Map.of(),
        new Cancellation());
  }

  /** Sends from this (non-Vert.x) thread, then waits well after the whole answer arrived before reading it. */
  private static HttpClientResponse sendAndLinger(String path, boolean stream, UpstreamHttp.Sent[] out)
      throws Exception {
    UpstreamHttp.Sent sent = http.send(HttpMethod.POST, url(path), MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer("{}"), call(stream));
    out[0] = sent;
    HttpClientResponse response = sent.response().toCompletionStage().toCompletableFuture().get(5,
        TimeUnit.SECONDS);
    Thread.sleep(150);
    return response;
  }

  @Test
  void aBodyReadLongAfterItArrivedIsStillDelivered() throws Exception {
    UpstreamHttp.Sent[] sent = new UpstreamHttp.Sent[1];
    HttpClientResponse response = sendAndLinger("/body", false, sent);
    Buffer body = http.readBody(response, sent[0].exchange()).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(body.toString()).isEqualTo("{\"answer\":42}");
  }

  @Test
  void anErrorBodyReadLateIsStillDelivered() throws Exception {
    UpstreamHttp.Sent[] sent = new UpstreamHttp.Sent[1];
    HttpClientResponse response = sendAndLinger("/error", false, sent);
    assertThat(response.statusCode()).isEqualTo(503);
    Buffer body = http.readErrorBody(response, sent[0].exchange()).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(body.toString()).contains("busy");
  }

  @Test
  void aStreamPumpedLateDeliversEveryEventAndItsEnd() throws Exception {
    UpstreamHttp.Sent[] sent = new UpstreamHttp.Sent[1];
    HttpClientResponse response = sendAndLinger("/stream", true, sent);
    List<String> events = new ArrayList<>();
    StreamDecoder decoder = new StreamDecoder() {
      private final StringBuilder pending = new StringBuilder();

      @Override
      public void feed(Buffer bytes, dev.switchboard.core.spi.ChunkEmitter out) {
        pending.append(bytes.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
          String event = pending.substring(0, end);
          pending.delete(0, end + 2);
          events.add(event);
          out.emit(Json.object().put("event", event));
        }
      }

      @Override
      public void end(dev.switchboard.core.spi.ChunkEmitter out) {}
    };
    UpstreamResponse first = StreamPump.start(response, sent[0].exchange(), decoder, http)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    List<String> chunks = new ArrayList<>();
    ((UpstreamResponse.Streaming) first).chunks().start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        chunks.add(chunk.get("event").asText());
      }

      @Override
      public void onEnd() {
        ended.complete(null);
      }

      @Override
      public void onError(GatewayException error) {
        ended.completeExceptionally(error);
      }
    });
    ended.get(5, TimeUnit.SECONDS);
    assertThat(events).containsExactly("data: one", "data: two");
    assertThat(chunks).containsExactly("data: one", "data: two");
  }
}
