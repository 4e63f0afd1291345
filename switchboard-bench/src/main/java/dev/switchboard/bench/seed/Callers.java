package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.bench.load.LoadClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The two ways of sending a planned request: straight to the provider's simulator, or through the gateway. */
final class Callers {
  static final int MAX_TOKENS = 256;
  static final long TIMEOUT_MS = 30_000;

  private Callers() {}

  /** Calls the provider that serves the request's model, in its native protocol. */
  static Function<Workload.Planned, Future<Outcome>> direct(LoadClient client, Map<String, String> providerRoots,
      List<SeedProvider> primaries) {
    Map<String, SeedProvider> byModel = new HashMap<>();
    for (SeedProvider provider : primaries) {
      byModel.put(provider.model(), provider);
    }
    return request -> {
      SeedProvider provider = byModel.get(request.model());
      NativeProtocol protocol = provider.protocol();
      String root = providerRoots.get(provider.name());
      long start = System.nanoTime();
      return client.post(protocol.chatUrl(root, request.model()), protocol.headers("sk-sim-" + provider.name()),
          protocol.chatBody(request.model(), request.system(), request.text(), MAX_TOKENS), TIMEOUT_MS)
          .map(reply -> outcome(request, start, reply, protocol::usage, provider.name()));
    };
  }

  /** Calls the gateway's OpenAI endpoint with the request's model name. */
  static Function<Workload.Planned, Future<Outcome>> gateway(LoadClient client, String gatewayUrl, String key) {
    String url = gatewayUrl + "/v1/chat/completions";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json")
        .add("authorization", "Bearer " + key);
    OpenAiProtocol openAi = new OpenAiProtocol();
    return request -> {
      long start = System.nanoTime();
      Buffer body = openAi.chatBody(request.model(), request.system(), request.text(), MAX_TOKENS);
      return client.post(url, headers, body, TIMEOUT_MS)
          .map(reply -> outcome(request, start, reply, openAi::usage, reply.header("x-switchboard-provider")));
    };
  }

  private static Outcome outcome(Workload.Planned request, long start, LoadClient.Reply reply,
      Function<JsonNode, long[]> usage, String provider) {
    long end = System.nanoTime();
    long[] tokens = {0, 0};
    if (reply.ok()) {
      try {
        tokens = usage.apply(Json.parse(reply.body().getBytes()));
      } catch (Exception e) {
        tokens = new long[] {0, 0};
      }
    }
    String attempts = reply.header("x-switchboard-attempts");
    return new Outcome(request, reply.status(), start, end, Outcome.isHit(reply.header("x-switchboard-cache")),
        tokens[0], tokens[1], Outcome.parseCost(reply.header("x-switchboard-cost-usd")),
        attempts == null ? 1 : parseInt(attempts), provider);
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
