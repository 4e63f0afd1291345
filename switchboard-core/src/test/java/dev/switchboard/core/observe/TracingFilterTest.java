package dev.switchboard.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ObservabilityConfig.TracingConfig;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.time.ManualClock;
import dev.switchboard.core.usage.Usage;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingFilterTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final Tracing tracing = Tracing.withProcessor(new TracingConfig(true, null, "switchboard-test", 1.0),
      SimpleSpanProcessor.create(exporter));
  private final ManualClock clock = new ManualClock();
  private final TracingFilter filter = new TracingFilter(tracing, clock);

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void clientTraceContext_isContinued_andPropagatedUpstreamWithANewParent() throws Exception {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01");
    Exchange exchange = new Exchange("req-9", clock.nanoTime(), clock.epochMillis(), Endpoint.CHAT_COMPLETIONS,
        Dialect.OPENAI, headers, (ObjectNode) Json.parse("{\"model\":\"smart\",\"max_tokens\":64,\"temperature\":0.2}"));
    filter.onRequest(exchange);
    Map<String, String> upstream = exchange.get(Tracing.UPSTREAM_HEADERS);
    assertThat(upstream.get("traceparent")).startsWith("00-" + TRACE_ID + "-")
        .doesNotContain("b7ad6b7169203331");

    exchange.record().provider = "anthropic-main";
    exchange.record().servedModel = "claude-3-5-haiku-20241022";
    exchange.record().usage = new Usage(120, 30, 0, 0, 0, false);
    exchange.record().finishReason = "stop";
    exchange.record().status = 200;
    exchange.record().costUsd = 0.000216;
    filter.onComplete(exchange);

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(span.getName()).isEqualTo("chat smart");
    assertThat(upstream.get("traceparent")).contains(span.getSpanId());
    assertThat(span.getAttributes().get(TracingFilter.REQUEST_MODEL)).isEqualTo("smart");
    assertThat(span.getAttributes().get(TracingFilter.RESPONSE_MODEL)).isEqualTo("claude-3-5-haiku-20241022");
    assertThat(span.getAttributes().get(TracingFilter.PROVIDER)).isEqualTo("anthropic-main");
    assertThat(span.getAttributes().get(TracingFilter.INPUT_TOKENS)).isEqualTo(120L);
    assertThat(span.getAttributes().get(TracingFilter.OUTPUT_TOKENS)).isEqualTo(30L);
    assertThat(span.getAttributes().get(TracingFilter.FINISH_REASONS)).containsExactly("stop");
    assertThat(span.getAttributes().get(TracingFilter.MAX_TOKENS)).isEqualTo(64L);
    assertThat(span.getAttributes().get(TracingFilter.COST)).isEqualTo(0.000216);
  }

  @Test
  void failedRequest_marksTheSpanAsAnError() throws Exception {
    Exchange exchange = new Exchange("req-10", clock.nanoTime(), clock.epochMillis(), Endpoint.CHAT_COMPLETIONS,
        Dialect.OPENAI, MultiMap.caseInsensitiveMultiMap(), (ObjectNode) Json.parse("{\"model\":\"smart\"}"));
    filter.onRequest(exchange);
    exchange.record().status = 502;
    exchange.record().errorType = "upstream_error";
    filter.onComplete(exchange);
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    assertThat(span.getAttributes().get(TracingFilter.ERROR_TYPE)).isEqualTo("upstream_error");
    assertThat(span.getParentSpanContext().isValid()).isFalse();
  }
}
