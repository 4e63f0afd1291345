package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing and writing a chat request through {@link Json}: a ~150-byte body and a ~2 KB body. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JsonBenchmark {
  @Param({"small", "large"})
  public String body;

  private byte[] bytes;
  private JsonNode tree;

  @Setup
  public void setUp() throws Exception {
    String text = body.equals("small") ? ChatBodies.SMALL : ChatBodies.large();
    bytes = text.getBytes(StandardCharsets.UTF_8);
    tree = Json.parse(bytes);
  }

  @Benchmark
  public JsonNode parseChatRequest() throws Exception {
    return Json.parse(bytes);
  }

  @Benchmark
  public byte[] writeChatRequest() {
    return Json.write(tree);
  }

  @Benchmark
  public byte[] canonicalChatRequest() {
    return Json.canonical(tree);
  }
}
