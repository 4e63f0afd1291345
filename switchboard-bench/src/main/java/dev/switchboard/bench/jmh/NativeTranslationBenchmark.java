package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.core.stream.SseEvent;
import dev.switchboard.providers.azure.AzureChatTranslator;
import dev.switchboard.providers.azure.AzureStreamTranslator;
import dev.switchboard.providers.cohere.CohereChatTranslator;
import dev.switchboard.providers.cohere.CohereStreamTranslator;
import dev.switchboard.providers.gemini.GeminiChatTranslator;
import dev.switchboard.providers.gemini.GeminiStreamTranslator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Translation cost per native provider for a typical chat (system prompt, three turns, one tool): the OpenAI
 * request to the provider's bytes, the provider's response bytes to an OpenAI completion, and one streamed
 * content event to an OpenAI chunk. Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main
 * NativeTranslationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NativeTranslationBenchmark {
  private static final TranslationContext CONTEXT = new TranslationContext("req_bench", 1_764_000_000L,
      "bench-model");
  private static final String REQUEST = """
      {"model":"bench-model","messages":[
        {"role":"system","content":"You are a helpful assistant that answers briefly and precisely."},
        {"role":"user","content":"What is the weather like in Paris today, and should I take an umbrella?"},
        {"role":"assistant","content":"Let me check the forecast for Paris before answering that."},
        {"role":"user","content":"Please also tell me the temperature in Celsius and the chance of rain."}],
       "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
         "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string",
         "enum":["c","f"]}},"required":["city"]}}}],
       "temperature":0.3,"max_tokens":256}""";

  @Param({"gemini", "cohere", "azure"})
  public String provider;

  private ObjectNode request;
  private ChatTranslator translator;
  private byte[] response;
  private SseEvent contentEvent;
  private StreamTranslator stream;
  private final ChunkEmitter sink = chunk -> { };

  @Setup
  public void setUp() {
    request = (ObjectNode) Json.parseTrusted(REQUEST);
    switch (provider) {
      case "gemini" -> {
        translator = new GeminiChatTranslator();
        response = bytes("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"It is 18 C in Paris with a 40% "
            + "chance of rain, so an umbrella is a sensible idea today.\"}],\"role\":\"model\"},\"finishReason\":"
            + "\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":82,\"candidatesTokenCount\":24,"
            + "\"totalTokenCount\":106},\"modelVersion\":\"gemini-1.5-pro-002\",\"responseId\":\"r1\"}");
        stream = new GeminiStreamTranslator("bench", CONTEXT);
        contentEvent = event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" umbrella\"}],\"role\":"
            + "\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":82,\"totalTokenCount\":82},"
            + "\"modelVersion\":\"gemini-1.5-pro-002\",\"responseId\":\"r1\"}");
      }
      case "cohere" -> {
        translator = new CohereChatTranslator();
        response = bytes("{\"id\":\"c1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"It is 18 C in Paris with a 40% chance of rain, so an "
            + "umbrella is a sensible idea today.\"}]},\"usage\":{\"billed_units\":{\"input_tokens\":82,"
            + "\"output_tokens\":24},\"tokens\":{\"input_tokens\":290,\"output_tokens\":24}}}");
        stream = new CohereStreamTranslator("bench", CONTEXT);
        contentEvent = event("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":"
            + "{\"text\":\" umbrella\"}}}}");
      }
      default -> {
        translator = new AzureChatTranslator();
        response = bytes("{\"choices\":[{\"content_filter_results\":{},\"finish_reason\":\"stop\",\"index\":0,"
            + "\"message\":{\"content\":\"It is 18 C in Paris with a 40% chance of rain, so an umbrella is a "
            + "sensible idea today.\",\"role\":\"assistant\"}}],\"created\":1764000000,\"id\":\"chatcmpl-1\","
            + "\"model\":\"gpt-4o\",\"object\":\"chat.completion\",\"usage\":{\"completion_tokens\":24,"
            + "\"prompt_tokens\":82,\"total_tokens\":106}}");
        stream = new AzureStreamTranslator("bench", CONTEXT);
        contentEvent = event("{\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\" umbrella\"},"
            + "\"finish_reason\":null,\"index\":0}],\"created\":1764000000,\"id\":\"chatcmpl-1\",\"model\":"
            + "\"gpt-4o\",\"object\":\"chat.completion.chunk\"}");
      }
    }
    if (provider.equals("cohere")) {
      stream.onEvent(event("{\"type\":\"message-start\",\"id\":\"c1\",\"delta\":{\"message\":{\"role\":"
          + "\"assistant\"}}}"), sink);
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static SseEvent event(String data) {
    return new SseEvent(null, data, null);
  }

  /** OpenAI request (as the gateway holds it) → provider request bytes; includes the per-attempt body copy. */
  @Benchmark
  public byte[] requestToProvider() {
    return Json.write(translator.toProvider(request.deepCopy(), CONTEXT));
  }

  /** Provider response bytes → OpenAI completion. */
  @Benchmark
  public ObjectNode responseToOpenAi() throws Exception {
    return translator.toOpenAi((ObjectNode) Json.parse(response), CONTEXT);
  }

  /** One streamed content event (already framed) → OpenAI chunk. */
  @Benchmark
  public void streamEventToChunk(Blackhole blackhole) {
    stream.onEvent(contentEvent, blackhole::consume);
  }
}
