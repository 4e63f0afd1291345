package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.time.ManualClock;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A routing runtime over fake providers, a manual clock and a manual scheduler. */
final class RoutingFixture {
  final ManualClock clock = new ManualClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final Map<String, FakeAdapter> adapters = new LinkedHashMap<>();
  final RoutingRuntime runtime;
  final RouteFilter filter;
  private int requests;

  RoutingFixture(String yaml, String... providers) {
    this(yaml, 42, providers);
  }

  RoutingFixture(String yaml, long seed, String... providers) {
    GatewayConfig config = new ConfigLoader(java.util.Set.of("openai"), Map.of()).parse(yaml);
    runtime = RoutingRuntime.create(config, clock, Randomness.seeded(seed));
    Map<String, ProviderAdapter> byName = new LinkedHashMap<>();
    for (String provider : providers) {
      FakeAdapter adapter = new FakeAdapter(provider);
      adapters.put(provider, adapter);
      byName.put(provider, adapter);
    }
    filter = runtime.filter(byName, scheduler);
  }

  FakeAdapter adapter(String name) {
    return adapters.get(name);
  }

  Exchange exchange(String model) {
    return exchange(model, false, MultiMap.caseInsensitiveMultiMap());
  }

  Exchange exchange(String model, boolean stream, MultiMap headers) {
    ObjectNode body = Json.object();
    body.put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", "Hello there");
    if (stream) {
      body.put("stream", true);
    }
    return exchange(body, headers);
  }

  Exchange exchange(ObjectNode body, MultiMap headers) {
    requests++;
    return new Exchange("req-" + requests, clock.nanoTime(), clock.epochMillis(), Endpoint.CHAT_COMPLETIONS,
        Dialect.OPENAI, headers, body);
  }

  Future<Verdict> send(Exchange exchange) {
    return filter.onRequest(exchange);
  }

  /** Sends and returns the answered response (failing the test if the request failed). */
  GatewayResponse answer(Exchange exchange) {
    Future<Verdict> verdict = send(exchange);
    if (verdict.failed()) {
      throw new AssertionError("request failed: " + verdict.cause().getMessage(), verdict.cause());
    }
    if (!verdict.isComplete()) {
      throw new AssertionError("request still pending");
    }
    return verdict.result().response();
  }

  static String providers(String... names) {
    StringBuilder yaml = new StringBuilder("providers:\n");
    for (String name : names) {
      yaml.append("  - name: ").append(name).append("\n    type: openai\n    base_url: http://127.0.0.1:1/")
          .append(name).append('\n');
    }
    return yaml.toString();
  }
}
