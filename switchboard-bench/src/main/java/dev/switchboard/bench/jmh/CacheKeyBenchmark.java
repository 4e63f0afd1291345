package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.cache.CacheKeys;
import dev.switchboard.core.cache.CacheScope;
import dev.switchboard.core.cache.ResponseCache;
import dev.switchboard.core.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exact tier's hot path: the canonical key of a typical chat request (system prompt, three turns, sampling
 * parameters, one tool) and an in-process look-up, hit and miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheKeyBenchmark {
  private final CacheKeys keys = new CacheKeys();
  private final CacheScope scope = new CacheScope("team:bench", null, null);
  private ObjectNode body;
  private ResponseCache cache;
  private String storedKey;

  @Setup
  public void setUp() {
    body = (ObjectNode) Json.parseTrusted("{\"model\":\"gpt-4o\",\"temperature\":0.2,\"top_p\":1,\"seed\":7,"
        + "\"max_tokens\":512,\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You are a concise assistant for an online shop. Answer in English.\"},"
        + "{\"role\":\"user\",\"content\":\"Which of your laptops has the longest battery life?\"},"
        + "{\"role\":\"assistant\",\"content\":\"The Aero 14 lasts about 18 hours in our tests.\"},"
        + "{\"role\":\"user\",\"content\":\"And how much does it weigh, compared with the Aero 16?\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup_product\",\"description\":\"Find a "
        + "product\",\"parameters\":{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"}}}}}]}");
    cache = new ResponseCache(64L << 20, null, Clock.system(), 3600);
    storedKey = keys.exactKey(scope, body);
    cache.put(storedKey, new byte[2048], 3600);
  }

  @Benchmark
  public String exactKey() {
    return keys.exactKey(scope, body);
  }

  @Benchmark
  public Object keyAndLookupHit() {
    return cache.get(keys.exactKey(scope, body)).result();
  }

  @Benchmark
  public Object lookupMiss() {
    return cache.get("sb:cache:team:bench:default:missing").result();
  }
}
