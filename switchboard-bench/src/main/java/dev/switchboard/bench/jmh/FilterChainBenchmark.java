package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.FilterChain;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter chain's own cost: {@code passThrough} filters that continue synchronously, then a last filter that
 * answers with a prepared document; the request side, the response sides in reverse and onComplete all run.
 * The exchange is built per op, as the server does per request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FilterChainBenchmark {
  @Param({"0", "7"})
  public int passThrough;

  private FilterChain chain;
  private ObjectNode request;
  private MultiMap headers;

  @Setup
  public void setUp() throws Exception {
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < passThrough; i++) {
      filters.add(new PassThrough("pass-" + i));
    }
    ObjectNode answer = (ObjectNode) Json.parse("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
        + "\"finish_reason\":\"stop\"}]}");
    filters.add(new Answering(GatewayResponse.ok(answer)));
    chain = new FilterChain(filters);
    request = (ObjectNode) Json.parse(ChatBodies.SMALL);
    headers = MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer sk-bench");
  }

  @Benchmark
  public GatewayResponse runChain() {
    Exchange exchange = new Exchange("req-1", 1L, 1L, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, headers, request);
    FilterChain.ChainRun run = chain.start(exchange);
    GatewayResponse response = run.response().result();
    run.complete();
    return response;
  }

  private static final class PassThrough implements Filter {
    private final String name;

    PassThrough(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Future<Verdict> onRequest(Exchange exchange) {
      return Verdict.proceed();
    }
  }

  private static final class Answering implements Filter {
    private final GatewayResponse response;

    Answering(GatewayResponse response) {
      this.response = response;
    }

    @Override
    public String name() {
      return "answer";
    }

    @Override
    public Future<Verdict> onRequest(Exchange exchange) {
      return Verdict.answer(response);
    }
  }
}
