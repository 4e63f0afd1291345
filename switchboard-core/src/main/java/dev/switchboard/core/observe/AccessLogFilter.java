package dev.switchboard.core.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.pipeline.Attribute;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.stream.ChunkObserver;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.usage.Usage;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost recording filter: notes the final status (and, for streams, mid-stream errors and the answer's
 * text), then on completion takes a snapshot of the request's record and hands it to the {@link RequestLog}.
 * The event loop only builds the snapshot and enqueues it.
 */
public final class AccessLogFilter implements Filter {
  private static final int STREAM_TEXT_CAP = 256 * 1024;

  private final RequestLog log;
  private final Clock clock;
  private final AtomicLong inFlight;

  public AccessLogFilter(RequestLog log, Clock clock, AtomicLong inFlight) {
    this.log = log;
    this.clock = clock;
    this.inFlight = inFlight;
  }

  @Override
  public String name() {
    return "access-log";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    inFlight.incrementAndGet();
    return Verdict.proceed();
  }

  @Override
  public GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
    exchange.record().status = response.status();
    if (response instanceof GatewayResponse.Full full) {
      exchange.put(Keys.RESPONSE_BODY, full.body());
      return response;
    }
    return ((GatewayResponse.Stream) response).observedBy(new StreamRecorder(exchange));
  }

  @Override
  public void onComplete(Exchange exchange) {
    inFlight.decrementAndGet();
    log.enqueue(snapshot(exchange, clock.nanoTime()));
  }

  LogEntry snapshot(Exchange exchange, long nowNanos) {
    RequestRecord r = exchange.record();
    Principal principal = exchange.principal();
    Usage usage = r.usage == null ? Usage.NONE : r.usage;
    long total = nowNanos - exchange.startNanos();
    long upstream = 0;
    List<AttemptRecord> attempts = List.copyOf(r.attempts());
    for (AttemptRecord attempt : attempts) {
      upstream += attempt.durationNanos();
    }
    long measured = exchange.isStream() && r.firstTokenNanos > 0 ? r.firstTokenNanos : total;
    long overhead = Math.max(0, measured - upstream);
    StreamRecorder recorder = exchange.get(Keys.STREAM);
    int status = r.status == 0 ? 200 : r.status;
    return new LogEntry(exchange.requestId(), exchange.startEpochMillis(), exchange.endpoint().name(),
        exchange.isStream(), principal == null ? null : principal.keyId(), principal == null ? null : principal.team(),
        exchange.model(), r.servedModel, r.provider, r.deployment, attempts, r.routeDecision, r.cacheStatus,
        r.savedCostUsd, usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
        usage.cacheCreationTokens(), usage.reasoningTokens(), usage.estimated(), r.costUsd, r.priced, total,
        r.firstTokenNanos, r.upstreamNanos, overhead, status, r.errorType, r.errorCode, r.finishReason,
        List.copyOf(r.guardOutcomes), exchange.body(), exchange.get(Keys.RESPONSE_BODY),
        recorder == null ? null : recorder.text());
  }

  /** Per-request state this filter keeps on the exchange. */
  static final class Keys {
    static final Attribute<JsonNode> RESPONSE_BODY =
        Attribute.named("access-log.response-body");
    static final Attribute<StreamRecorder> STREAM =
        Attribute.named("access-log.stream");

    private Keys() {}
  }

  /** Notes a stream's mid-stream error and keeps its text (capped) in case the body is sampled. */
  static final class StreamRecorder implements ChunkObserver {
    private final Exchange exchange;
    private StringBuilder text;

    StreamRecorder(Exchange exchange) {
      this.exchange = exchange;
      exchange.put(Keys.STREAM, this);
    }

    @Override
    public ObjectNode onChunk(ObjectNode chunk) {
      JsonNode choices = chunk.get("choices");
      if (choices != null && choices.size() > 0) {
        JsonNode content = choices.get(0).path("delta").get("content");
        if (content != null && content.isTextual() && !content.textValue().isEmpty()) {
          if (text == null) {
            text = new StringBuilder(256);
          }
          if (text.length() < STREAM_TEXT_CAP) {
            text.append(content.textValue());
          }
        }
      }
      return chunk;
    }

    @Override
    public void onError(GatewayException error) {
      exchange.record().errorType = error.type();
      exchange.record().errorCode = error.code();
    }

    String text() {
      return text == null ? null : text.toString();
    }
  }
}
