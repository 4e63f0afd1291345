package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * One request to a simulated provider, with helpers to answer it the way the provider would: after a drawn time
 * to first token, at a drawn speed, with the provider's current fault applied.
 */
public final class SimCall {
  private final Vertx vertx;
  private final HttpServerRequest request;
  private final Buffer body;
  private final SimulatedProvider provider;
  private final String path;
  private final Fault fault;

  SimCall(Vertx vertx, HttpServerRequest request, Buffer body, SimulatedProvider provider, String path,
      Fault fault) {
    this.vertx = vertx;
    this.request = request;
    this.body = body;
    this.provider = provider;
    this.path = path;
    this.fault = fault;
  }

  public HttpServerRequest request() {
    return request;
  }

  public SimulatedProvider provider() {
    return provider;
  }

  /** The path below the provider's prefix, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  public Buffer body() {
    return body;
  }

  public Fault fault() {
    return fault;
  }

  public String header(String name) {
    return request.getHeader(name);
  }

  /** The body as JSON, or null when it is not valid JSON. */
  public JsonNode json() {
    try {
      return Json.parse(body.getBytes());
    } catch (Exception e) {
      return null;
    }
  }

  /** Answers with a JSON document after the simulated generation time of {@code outputTokens}. */
  public void respondJson(int status, JsonNode document, long outputTokens) {
    Buffer payload = fault.type() == Fault.Type.MALFORMED
        ? Buffer.buffer("{\"id\": \"broken\", \"choices\": [")
        : Buffer.buffer(Json.write(document));
    long delay = Math.round(ttftMillis() + generationMillis(outputTokens));
    Runnable write = () -> {
      HttpServerResponse response = request.response();
      if (response.closed()) {
        return;
      }
      response.setStatusCode(status).putHeader("content-type", "application/json").end(payload);
    };
    later(delay, write);
  }

  /** Answers at once with an error document (no generation time). */
  public void respondError(int status, JsonNode document) {
    HttpServerResponse response = request.response();
    if (!response.closed()) {
      response.setStatusCode(status).putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(
          document)));
    }
  }

  /**
   * Streams pre-encoded frames: the first after the time to first token, the rest paced by the tokens each one
   * carries. Applies stream cuts, slowness and malformed frames.
   */
  public void stream(String contentType, List<Buffer> frames, List<Integer> tokensPerFrame) {
    HttpServerResponse response = request.response();
    response.closeHandler(v -> {
      if (!response.ended()) {
        provider.countAbandoned();
      }
    });
    response.setStatusCode(200).setChunked(true).putHeader("content-type", contentType)
        .putHeader("cache-control", "no-cache");
    double tokensPerSecond = provider.latency().tokensPerSecond(provider.gaussian());
    double ttft = ttftMillis();
    new FramePacer(vertx, response, frames, tokensPerFrame, ttft, tokensPerSecond, fault).start();
  }

  double ttftMillis() {
    return provider.latency().ttftMillis(provider.gaussian());
  }

  double generationMillis(long outputTokens) {
    double speed = provider.latency().tokensPerSecond(provider.gaussian());
    return Double.isInfinite(speed) ? 0 : outputTokens * 1000.0 / speed;
  }

  private void later(long delayMs, Runnable action) {
    if (delayMs <= 0) {
      action.run();
    } else {
      vertx.setTimer(delayMs, id -> action.run());
    }
  }
}
