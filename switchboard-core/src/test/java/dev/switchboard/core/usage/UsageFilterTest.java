package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.stream.ChunkSink;
import dev.switchboard.core.stream.PushChunkStream;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageFilterTest {
  private static final TokenEstimator ESTIMATOR = new TokenEstimator();
  private final UsageFilter filter = new UsageFilter(PriceCatalog.load(List.of()), ESTIMATOR,
      Map.of("claude-main", "anthropic", "openai-main", "openai"));

  @BeforeAll
  static void loadVocabularies() throws InterruptedException {
    assertThat(ESTIMATOR.awaitLoaded(120_000)).isTrue();
  }

  private static Exchange exchange(String json) throws Exception {
    return new Exchange("req-1", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI, MultiMap.caseInsensitiveMultiMap(),
        (ObjectNode) Json.parse(json));
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) Json.parse(text);
  }

  @Test
  void wholeResponseWithUsage_setsCostHeaderAndRecord() throws Exception {
    Exchange exchange = exchange("{\"model\":\"smart\",\"messages\":[]}");
    exchange.record().provider = "openai-main";
    exchange.record().servedModel = "gpt-4o-2024-08-06";
    ObjectNode body = json("{\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":400}}}");
    filter.onResponse(exchange, GatewayResponse.ok(body));
    double expected = (600 * 2.50 + 400 * 1.25 + 100 * 10.00) / 1e6;
    assertThat(exchange.record().costUsd).isCloseTo(expected, within(1e-12));
    assertThat(exchange.record().priced).isTrue();
    assertThat(exchange.responseHeaders().get(UsageFilter.COST_HEADER)).isEqualTo("0.003");
  }

  @Test
  void wholeResponseWithoutUsage_isEstimatedAndMarked() throws Exception {
    Exchange exchange = exchange("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
    exchange.record().provider = "openai-main";
    exchange.record().servedModel = "gpt-4o";
    filter.onResponse(exchange, GatewayResponse.ok(json(
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello world\"}}]}")));
    assertThat(exchange.record().usage.estimated()).isTrue();
    assertThat(exchange.record().usage.promptTokens()).isEqualTo(9);
    assertThat(exchange.record().usage.completionTokens()).isEqualTo(2);
    assertThat(exchange.responseHeaders().get(UsageFilter.COST_HEADER)).isNotNull();
  }

  @Test
  void unpricedModel_hasNoCostHeader() throws Exception {
    Exchange exchange = exchange("{\"model\":\"house-model\",\"messages\":[]}");
    filter.onResponse(exchange, GatewayResponse.ok(json("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}")));
    assertThat(exchange.record().priced).isFalse();
    assertThat(exchange.responseHeaders().contains(UsageFilter.COST_HEADER)).isFalse();
  }

  @Test
  void cacheHit_costsNothing_andRecordsSavedCost() throws Exception {
    Exchange exchange = exchange("{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
    exchange.record().cacheStatus = "hit";
    filter.onResponse(exchange, GatewayResponse.ok(json(
        "{\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":0}}")));
    assertThat(exchange.record().costUsd).isZero();
    assertThat(exchange.record().savedCostUsd).isCloseTo(0.15, within(1e-12));
    assertThat(exchange.responseHeaders().get(UsageFilter.COST_HEADER)).isEqualTo("0");
  }

  @Test
  void anthropicCumulativeStreamUsage_isPricedOnceFromTheLastValue() throws Exception {
    Exchange exchange = exchange("{\"model\":\"claude\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[]}");
    exchange.record().provider = "claude-main";
    exchange.record().servedModel = "claude-3-5-haiku-20241022";
    PushChunkStream source = new PushChunkStream();
    List<ObjectNode> seen = collect(filter.onResponse(exchange, new GatewayResponse.Stream(200, source)));
    source.emit(json("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"prompt_tokens\":100,"
        + "\"completion_tokens\":1}}"));
    source.emit(json("{\"choices\":[{\"delta\":{\"content\":\" there\"}}]}"));
    source.emit(json("{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50}}"));
    source.end();
    double expected = (100 * 0.80 + 50 * 4.00) / 1e6;
    assertThat(exchange.record().costUsd).isCloseTo(expected, within(1e-12));
    assertThat(exchange.record().usage.completionTokens()).isEqualTo(50);
    assertThat(seen.get(2).path("usage").path("cost_usd").asDouble()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void streamWithoutUsage_isEstimatedAtTheEnd_andNoChunkGetsACost() throws Exception {
    Exchange exchange = exchange("{\"model\":\"gpt-4o\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
    exchange.record().provider = "openai-main";
    exchange.record().servedModel = "gpt-4o";
    PushChunkStream source = new PushChunkStream();
    List<ObjectNode> seen = collect(filter.onResponse(exchange, new GatewayResponse.Stream(200, source)));
    source.emit(json("{\"choices\":[{\"delta\":{\"content\":\"hello\"}}]}"));
    source.emit(json("{\"choices\":[{\"delta\":{\"content\":\" world\"},\"finish_reason\":\"stop\"}]}"));
    source.end();
    assertThat(exchange.record().usage.estimated()).isTrue();
    assertThat(exchange.record().usage.completionTokens()).isEqualTo(2);
    assertThat(exchange.record().costUsd).isCloseTo((9 * 2.50 + 2 * 10.00) / 1e6, within(1e-12));
    assertThat(seen).allSatisfy(chunk -> assertThat(chunk.has("usage")).isFalse());
  }

  @Test
  void streamUsage_whenClientDidNotAsk_getsNoCostField() throws Exception {
    Exchange exchange = exchange("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}");
    PushChunkStream source = new PushChunkStream();
    List<ObjectNode> seen = collect(filter.onResponse(exchange, new GatewayResponse.Stream(200, source)));
    source.emit(json("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}"));
    source.end();
    assertThat(exchange.record().costUsd).isGreaterThan(0);
    assertThat(seen.get(0).path("usage").has("cost_usd")).isFalse();
  }

  private static List<ObjectNode> collect(GatewayResponse response) {
    List<ObjectNode> seen = new ArrayList<>();
    ((GatewayResponse.Stream) response).chunks().start(new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        seen.add(chunk);
      }

      @Override
      public void onEnd() {}

      @Override
      public void onError(GatewayException error) {}
    });
    return seen;
  }
}
