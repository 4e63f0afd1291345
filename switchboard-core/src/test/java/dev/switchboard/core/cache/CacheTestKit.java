package dev.switchboard.core.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.stream.PushChunkStream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs requests through a chain of [cache, fake upstream] on a Vert.x event loop. */
final class CacheTestKit {
  /** What the client got. */
  record Result(int status, MultiMap headers, ObjectNode body, List<ObjectNode> chunks, String cacheStatus,
      double savedCostUsd) {
    String header(String name) {
      return headers.get(name);
    }

    /** The text of the answer, whichever form it came in. */
    String text() {
      if (body != null) {
        return body.path("choices").path(0).path("message").path("content").asText();
      }
      StringBuilder text = new StringBuilder();
      for (ObjectNode chunk : chunks) {
        text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
      }
      return text.toString();
    }
  }

  /** An upstream that answers with a completion or a stream, counting calls; may hold answers until released. */
  static final class FakeUpstream implements Filter {
    final AtomicInteger calls = new AtomicInteger();
    volatile String answer = "Paris is the capital of France.";
    volatile Promise<Void> gate;

    @Override
    public String name() {
      return "fake-upstream";
    }

    @Override
    public Future<Verdict> onRequest(Exchange exchange) {
      int call = calls.incrementAndGet();
      String text = answer + (answer.endsWith("#") ? call : "");
      Future<Void> open = gate == null ? Future.succeededFuture() : gate.future();
      return open.map(v -> exchange.isStream()
          ? Verdict.answer(new GatewayResponse.Stream(200, stream(text))).result()
          : Verdict.answer(GatewayResponse.ok(completion(text))).result());
    }
  }

  static ObjectNode completion(String text) {
    ObjectNode body = Json.object().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1700000000)
        .put("model", "gpt-4o-2024-08-06");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    choice.put("finish_reason", "stop");
    body.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 7).put("total_tokens", 19);
    return body;
  }

  static List<ObjectNode> chunks(String text) {
    List<ObjectNode> chunks = new ArrayList<>();
    chunks.add(chunk(Json.object().put("role", "assistant").put("content", ""), null));
    int half = text.length() / 2;
    chunks.add(chunk(Json.object().put("content", text.substring(0, half)), null));
    chunks.add(chunk(Json.object().put("content", text.substring(half)), null));
    chunks.add(chunk(Json.object(), "stop"));
    ObjectNode usage = header();
    usage.putArray("choices");
    usage.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", 7).put("total_tokens", 19);
    chunks.add(usage);
    return chunks;
  }

  private static ObjectNode header() {
    return Json.object().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 1700000000)
        .put("model", "gpt-4o-2024-08-06");
  }

  private static ObjectNode chunk(ObjectNode delta, String finish) {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  static PushChunkStream stream(String text) {
    PushChunkStream stream = new PushChunkStream();
    for (ObjectNode chunk : chunks(text)) {
      stream.emit(chunk);
    }
    stream.end();
    return stream;
  }

  static ObjectNode request(String question, boolean stream) {
    ObjectNode body = Json.object().put("model", "gpt-4o").put("temperature", 0);
    body.putArray("messages").addObject().put("role", "user").put("content", question);
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  static Principal tenant(String team) {
    return new Principal("key-" + team, team, team, null, List.of(), Map.of());
  }

  static Exchange exchange(ObjectNode body, Principal principal, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    Exchange exchange = new Exchange("req", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, map, body);
    exchange.principal(principal);
    return exchange;
  }

  /** Runs one request on an event loop and waits for the whole response. */
  static CompletableFuture<Result> send(Vertx vertx, FilterChain chain, Exchange exchange) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      FilterChain.ChainRun run = chain.start(exchange);
      run.response().onComplete(done -> collect(exchange, run, done.result(), result));
    });
    return result;
  }

  static Result await(CompletableFuture<Result> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  private static void collect(Exchange exchange, FilterChain.ChainRun run, GatewayResponse response,
      CompletableFuture<Result> result) {
    if (response instanceof GatewayResponse.Full full) {
      run.complete();
      result.complete(new Result(full.status(), exchange.responseHeaders(), full.body(), null,
          exchange.record().cacheStatus, exchange.record().savedCostUsd));
      return;
    }
    List<ObjectNode> received = new ArrayList<>();
    ((GatewayResponse.Stream) response).chunks().start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        received.add(chunk);
      }

      @Override
      public void onEnd() {
        run.complete();
        result.complete(new Result(response.status(), exchange.responseHeaders(), null, received,
            exchange.record().cacheStatus, exchange.record().savedCostUsd));
      }

      @Override
      public void onError(GatewayException error) {
        run.complete();
        result.completeExceptionally(error);
      }
    });
  }
}
