package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.server.http.ClientCodec;
import dev.switchboard.server.http.OpenAiCodec;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
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

/** The server's OpenAI stream encoding: one {@code chat.completion.chunk} to one {@code data: ...} frame. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OpenAiCodecBenchmark {
  private ClientCodec.StreamEncoder encoder;
  private ObjectNode contentChunk;
  private ObjectNode completion;
  private OpenAiCodec codec;
  private Exchange exchange;

  @Setup
  public void setUp() throws Exception {
    codec = new OpenAiCodec();
    exchange = new Exchange("req-1", 0, 0, Endpoint.CHAT_COMPLETIONS, Dialect.OPENAI,
        MultiMap.caseInsensitiveMultiMap(), (ObjectNode) Json.parse(ChatBodies.SMALL.replace("}],", "}],"
            + "\"stream\":true,")));
    encoder = codec.newStreamEncoder(exchange);
    List<ObjectNode> chunks = ChatBodies.streamChunks(3);
    contentChunk = chunks.get(1);
    completion = (ObjectNode) Json.parse("{\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion\","
        + "\"created\":1764000000,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"Plan the day the evening before, batch similar tasks, and "
        + "protect two hours of focus time.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":22,\"total_tokens\":41}}");
  }

  @Benchmark
  public Buffer encodeStreamChunk() {
    return encoder.chunk(contentChunk);
  }

  @Benchmark
  public Buffer encodeStreamEnd() {
    return encoder.end();
  }

  @Benchmark
  public Buffer encodeDocument() {
    return codec.encodeDocument(exchange, 200, completion);
  }
}
