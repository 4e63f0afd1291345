package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.usage.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens a span per request (continuing the client's W3C trace when it sent one), leaves the headers that carry
 * it upstream on the exchange, and on completion records the GenAI attributes: operation, provider, requested and
 * served model, token usage, finish reason, plus cost, cache status and attempts.
 */
public final class TracingFilter implements Filter {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Double> COST = AttributeKey.doubleKey("switchboard.cost_usd");
  static final AttributeKey<String> CACHE = AttributeKey.stringKey("switchboard.cache_status");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("switchboard.attempts");
  static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("switchboard.request_id");

  private static final Attribute<Span> SPAN = Attribute.named("trace.span");
  private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) {
      return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracing tracing;
  private final Clock clock;

  public TracingFilter(Tracing tracing, Clock clock) {
    this.tracing = tracing;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "tracing";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    Context parent = tracing.propagator().extract(Context.root(), exchange.requestHeaders(), HEADERS);
    String operation = exchange.endpoint() == Endpoint.EMBEDDINGS ? "embeddings" : "chat";
    Span span = tracing.tracer().spanBuilder(operation + " " + exchange.model())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(exchange.startEpochMillis(), TimeUnit.MILLISECONDS)
        .setAttribute(OPERATION, operation)
        .setAttribute(REQUEST_MODEL, exchange.model())
        .setAttribute(REQUEST_ID, exchange.requestId())
        .startSpan();
    JsonNode maxTokens = exchange.body().get("max_tokens");
    if (maxTokens == null) {
      maxTokens = exchange.body().get("max_completion_tokens");
    }
    if (maxTokens != null && maxTokens.canConvertToLong()) {
      span.setAttribute(MAX_TOKENS, maxTokens.asLong());
    }
    JsonNode temperature = exchange.body().get("temperature");
    if (temperature != null && temperature.isNumber()) {
      span.setAttribute(TEMPERATURE, temperature.asDouble());
    }
    exchange.put(SPAN, span);
    Map<String, String> upstream = new HashMap<>(4);
    tracing.propagator().inject(Context.root().with(span), upstream, (carrier, key, value) -> carrier.put(key, value));
    exchange.put(Tracing.UPSTREAM_HEADERS, Map.copyOf(upstream));
    return Verdict.proceed();
  }

  @Override
  public void onComplete(Exchange exchange) {
    Span span = exchange.get(SPAN);
    if (span == null) {
      return;
    }
    RequestRecord r = exchange.record();
    if (r.provider != null) {
      span.setAttribute(PROVIDER, r.provider);
      span.setAttribute(SYSTEM, r.provider);
    }
    if (r.servedModel != null) {
      span.setAttribute(RESPONSE_MODEL, r.servedModel);
    }
    Usage usage = r.usage;
    if (usage != null) {
      span.setAttribute(INPUT_TOKENS, usage.promptTokens());
      span.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
    }
    if (r.finishReason != null) {
      span.setAttribute(FINISH_REASONS, List.of(r.finishReason));
    }
    span.setAttribute(COST, r.costUsd);
    span.setAttribute(CACHE, r.cacheStatus);
    span.setAttribute(ATTEMPTS, (long) r.attempts().size());
    if (r.status != 0) {
      span.setAttribute(HTTP_STATUS, (long) r.status);
    }
    if (r.errorType != null || r.status >= 500) {
      span.setAttribute(ERROR_TYPE, r.errorType != null ? r.errorType : Integer.toString(r.status));
      span.setStatus(StatusCode.ERROR);
    }
    span.end(exchange.startEpochMillis() * 1_000_000L + (clock.nanoTime() - exchange.startNanos()),
        TimeUnit.NANOSECONDS);
  }
}
