package dev.switchboard.core.observe;

import dev.switchboard.core.config.ObservabilityConfig.TracingConfig;
import dev.switchboard.core.pipeline.Attribute;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing: one span per request following the GenAI semantic conventions, W3C trace context read
 * from the client and passed upstream. Off by default; when on, spans are exported over OTLP/HTTP in batches.
 */
public final class Tracing implements AutoCloseable {
  /** Headers ({@code traceparent}, {@code tracestate}) the attempt loop sends upstream. */
  public static final Attribute<Map<String, String>> UPSTREAM_HEADERS = Attribute.named("trace.upstream-headers");

  private static final String INSTRUMENTATION = "dev.switchboard";

  private final OpenTelemetry openTelemetry;
  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final boolean enabled;

  private Tracing(OpenTelemetry openTelemetry, SdkTracerProvider provider, boolean enabled) {
    this.openTelemetry = openTelemetry;
    this.provider = provider;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    this.enabled = enabled;
  }

  public static Tracing create(TracingConfig config) {
    if (!config.enabled()) {
      return new Tracing(OpenTelemetry.noop(), null, false);
    }
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint()).build();
    return withProcessor(config, BatchSpanProcessor.builder(exporter).build());
  }

  /** Tracing through a given span processor (tests use an in-memory exporter). */
  public static Tracing withProcessor(TracingConfig config, SpanProcessor processor) {
    Resource resource = Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), config.serviceName())));
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource)
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
        .addSpanProcessor(processor)
        .build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    return new Tracing(sdk, provider, true);
  }

  public boolean enabled() {
    return enabled;
  }

  Tracer tracer() {
    return tracer;
  }

  TextMapPropagator propagator() {
    return openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
