package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.observe.RequestRecord;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client request on its way through the chain: what was asked (in canonical OpenAI form), who asked, the
 * headers to answer with, per-request state, and the record of what happened. Confined to one event loop.
 */
public final class Exchange {
  private final String requestId;
  private final long startNanos;
  private final long startEpochMillis;
  private final Endpoint endpoint;
  private final Dialect dialect;
  private final MultiMap requestHeaders;
  private final ObjectNode body;
  private final String model;
  private final boolean stream;
  private final MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
  private final RequestRecord record = new RequestRecord();
  private Map<Attribute<?>, Object> attributes;
  private List<Runnable> cancelHandlers;
  private boolean cancelled;
  private Principal principal;

  public Exchange(String requestId, long startNanos, long startEpochMillis, Endpoint endpoint, Dialect dialect,
      MultiMap requestHeaders, ObjectNode body) {
    this.requestId = requestId;
    this.startNanos = startNanos;
    this.startEpochMillis = startEpochMillis;
    this.endpoint = endpoint;
    this.dialect = dialect;
    this.requestHeaders = requestHeaders;
    this.body = body;
    this.model = body.path("model").asText("");
    this.stream = body.path("stream").asBoolean(false);
  }

  public String requestId() {
    return requestId;
  }

  public long startNanos() {
    return startNanos;
  }

  public long startEpochMillis() {
    return startEpochMillis;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public Dialect dialect() {
    return dialect;
  }

  public MultiMap requestHeaders() {
    return requestHeaders;
  }

  public String header(String name) {
    return requestHeaders.get(name);
  }

  /** The request in OpenAI's form. Filters may modify it before the route filter (for example redaction). */
  public ObjectNode body() {
    return body;
  }

  /** The model name the client asked for. */
  public String model() {
    return model;
  }

  public boolean isStream() {
    return stream;
  }

  /** Whether the client asked for a final usage chunk ({@code stream_options.include_usage}). */
  public boolean wantsStreamUsage() {
    return body.path("stream_options").path("include_usage").asBoolean(false);
  }

  public MultiMap responseHeaders() {
    return responseHeaders;
  }

  public RequestRecord record() {
    return record;
  }

  public Principal principal() {
    return principal;
  }

  public void principal(Principal principal) {
    this.principal = principal;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Attribute<T> key) {
    return attributes == null ? null : (T) attributes.get(key);
  }

  public <T> void put(Attribute<T> key, T value) {
    if (attributes == null) {
      attributes = new IdentityHashMap<>(4);
    }
    attributes.put(key, value);
  }

  /** Runs {@code handler} when the client goes away before the response is complete. */
  public void onCancel(Runnable handler) {
    if (cancelled) {
      handler.run();
      return;
    }
    if (cancelHandlers == null) {
      cancelHandlers = new ArrayList<>(2);
    }
    cancelHandlers.add(handler);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Called by the server when the client disconnects. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    if (cancelHandlers != null) {
      for (Runnable handler : cancelHandlers) {
        handler.run();
      }
      cancelHandlers = null;
    }
  }

  public long elapsedNanos(long nowNanos) {
    return nowNanos - startNanos;
  }
}
