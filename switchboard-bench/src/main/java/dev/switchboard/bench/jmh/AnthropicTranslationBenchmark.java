package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.dialect.anthropic.AnthropicMessagesRequest;
import dev.switchboard.core.dialect.anthropic.AnthropicMessagesResponse;
import dev.switchboard.core.dialect.anthropic.AnthropicStreamEncoder;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.stream.SseEvent;
import dev.switchboard.providers.anthropic.AnthropicChatTranslator;
import dev.switchboard.providers.anthropic.AnthropicStreamTranslator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Anthropic translation in both directions for a typical chat (system prompt, a few turns, one tool): request and
 * response translation (targets: under 50 µs each) and one stream event (target: under 5 µs per chunk). Stream
 * benchmarks include parsing the event's JSON, as the gateway does.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main AnthropicTranslationBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnthropicTranslationBenchmark {
  private static final String OPENAI_REQUEST = """
      {"model":"claude-sonnet","max_tokens":512,"temperature":0.3,
       "messages":[
        {"role":"system","content":"You are a helpful travel assistant. Answer briefly and cite sources."},
        {"role":"user","content":"I am planning a week in Portugal in May. Which cities should I visit?"},
        {"role":"assistant","content":"Lisbon, Porto and the Algarve coast are the usual highlights."},
        {"role":"user","content":"What will the weather be like in Porto that week?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather forecast for a city",
        "parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},
        "required":["city"]}}}]}
      """;
  private static final String ANTHROPIC_RESPONSE = """
      {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5",
       "content":[{"type":"text","text":"Let me check the forecast for Porto."},
        {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
         "input":{"city":"Porto","days":7}}],
       "stop_reason":"tool_use","stop_sequence":null,
       "usage":{"input_tokens":412,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":58}}
      """;
  private static final String ANTHROPIC_REQUEST = """
      {"model":"gpt-4o","max_tokens":512,"system":"You are a helpful travel assistant. Answer briefly.",
       "messages":[
        {"role":"user","content":"I am planning a week in Portugal in May. Which cities should I visit?"},
        {"role":"assistant","content":[{"type":"text","text":"Lisbon, Porto and the Algarve coast."}]},
        {"role":"user","content":[{"type":"text","text":"What will the weather be like in Porto that week?"}]}],
       "tools":[{"name":"get_weather","description":"Weather forecast for a city","input_schema":{"type":"object",
        "properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"]}}]}
      """;
  private static final String OPENAI_RESPONSE = """
      {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,
       "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,
        "tool_calls":[{"id":"call_abc","type":"function","function":{"name":"get_weather",
        "arguments":"{\\"city\\":\\"Porto\\",\\"days\\":7}"}}],"refusal":null},"logprobs":null,
        "finish_reason":"tool_calls"}],
       "usage":{"prompt_tokens":412,"completion_tokens":58,"total_tokens":470,"prompt_tokens_details":{"cached_tokens":0}}}
      """;
  private static final SseEvent TEXT_DELTA = new SseEvent("content_block_delta",
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" forecast\"}}",
      null);
  private static final SseEvent TOOL_DELTA = new SseEvent("content_block_delta",
      "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
          + "\"partial_json\":\"{\\\"city\\\": \\\"Por\"}}", null);
  private static final String OPENAI_CHUNK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1741569952,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" forecast\"},"
      + "\"logprobs\":null,\"finish_reason\":null}]}";

  private final TranslationContext context = new TranslationContext("req_1", 1_764_000_000L, "claude-sonnet-4-5");
  private final AnthropicChatTranslator translator = new AnthropicChatTranslator();
  private ObjectNode openAiRequest;
  private ObjectNode anthropicResponse;
  private JsonNode anthropicRequest;
  private ObjectNode openAiResponse;
  private byte[] openAiChunkBytes;
  private ObjectNode openAiChunk;
  private AnthropicStreamTranslator streamTranslator;
  private AnthropicStreamEncoder streamEncoder;

  @Setup(Level.Iteration)
  public void setUp() {
    openAiRequest = (ObjectNode) Json.parseTrusted(OPENAI_REQUEST);
    anthropicResponse = (ObjectNode) Json.parseTrusted(ANTHROPIC_RESPONSE);
    anthropicRequest = Json.parseTrusted(ANTHROPIC_REQUEST);
    openAiResponse = (ObjectNode) Json.parseTrusted(OPENAI_RESPONSE);
    openAiChunkBytes = OPENAI_CHUNK.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    openAiChunk = (ObjectNode) Json.parseTrusted(OPENAI_CHUNK);
    streamTranslator = new AnthropicStreamTranslator("anthropic", 1_764_000_000L);
    streamTranslator.onEvent(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
        + "\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}", null), c -> { });
    streamTranslator.onEvent(new SseEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
        null), c -> { });
    streamEncoder = new AnthropicStreamEncoder("gpt-4o");
    streamEncoder.onChunk((ObjectNode) Json.parseTrusted(OPENAI_CHUNK), (name, data) -> { });
  }

  @Benchmark
  public ObjectNode providerRequestToAnthropic() {
    return translator.toProvider(openAiRequest, context);
  }

  @Benchmark
  public ObjectNode providerResponseToOpenAi() {
    return translator.toOpenAi(anthropicResponse, context);
  }

  @Benchmark
  public void providerTextEventToChunk(Blackhole hole) {
    streamTranslator.onEvent(TEXT_DELTA, hole::consume);
  }

  @Benchmark
  public void providerToolArgumentEventToChunk(Blackhole hole) {
    streamTranslator.onEvent(TOOL_DELTA, hole::consume);
  }

  @Benchmark
  public ObjectNode ingressRequestToOpenAi() {
    return AnthropicMessagesRequest.toOpenAi(anthropicRequest);
  }

  @Benchmark
  public ObjectNode ingressResponseToAnthropic() {
    return AnthropicMessagesResponse.fromOpenAi(openAiResponse);
  }

  @Benchmark
  public void ingressChunkToEvent(Blackhole hole) {
    streamEncoder.onChunk(openAiChunk, (name, data) -> hole.consume(data));
  }

  /** The same with the chunk's parsing and the event's serialisation, as the server does them. */
  @Benchmark
  public void ingressChunkBytesToEventBytes(Blackhole hole) throws Exception {
    ObjectNode chunk = (ObjectNode) Json.parse(openAiChunkBytes);
    streamEncoder.onChunk(chunk, (name, data) -> hole.consume(Json.write(data)));
  }
}
