package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.spi.TranslationContext;
import dev.switchboard.providers.bedrock.AwsCredentials;
import dev.switchboard.providers.bedrock.BedrockChatTranslator;
import dev.switchboard.providers.bedrock.BedrockParameterPolicy;
import dev.switchboard.providers.bedrock.BedrockStreamDecoder;
import dev.switchboard.providers.bedrock.BedrockStreamTranslator;
import dev.switchboard.providers.bedrock.EventStreamCodec;
import dev.switchboard.providers.bedrock.EventStreamMessage;
import dev.switchboard.providers.bedrock.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bedrock's hot path: an OpenAI request to Converse bytes, Converse bytes to an OpenAI completion, one
 * event-stream frame decoded (both CRCs) and translated to a chunk, and SigV4 signing of a request.
 * Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main BedrockTranslationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BedrockTranslationBenchmark {
  private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  private static final TranslationContext CONTEXT = new TranslationContext("req-bench", 1_764_000_000L, MODEL);
  private final BedrockChatTranslator translator = new BedrockChatTranslator("bedrock");
  private final SigV4Signer signer = new SigV4Signer("us-east-1", "bedrock", true);
  private final AwsCredentials credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      null);
  private ObjectNode openAiRequest;
  private byte[] converseResponse;
  private byte[] converseRequest;
  private byte[] deltaFrame;
  private BedrockStreamDecoder decoder;

  @Setup
  public void setUp() {
    openAiRequest = (ObjectNode) Json.parseTrusted("""
        {"model":"%s","max_tokens":512,"temperature":0.3,"stop":["END"],"messages":[
         {"role":"system","content":"You are a helpful assistant that answers about the weather."},
         {"role":"user","content":"What is the weather in Paris and in Oslo today? Please be precise."},
         {"role":"assistant","content":null,"tool_calls":[
          {"id":"tooluse_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
          {"id":"tooluse_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
         {"role":"tool","tool_call_id":"tooluse_1","content":"18C, sunny, light wind from the west"},
         {"role":"tool","tool_call_id":"tooluse_2","content":"4C, rain, strong wind from the north"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
          "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string",
          "enum":["C","F"]}},"required":["city"]}}}],"tool_choice":"auto"}
        """.formatted(MODEL));
    converseResponse = """
        {"output":{"message":{"role":"assistant","content":[{"text":"In Paris it is 18C and sunny with a light \
        west wind; in Oslo it is 4C with rain and a strong north wind. Take an umbrella in Oslo."}]}},
        "stopReason":"end_turn","usage":{"inputTokens":412,"outputTokens":41,"totalTokens":453,
        "cacheReadInputTokens":0,"cacheWriteInputTokens":0},"metrics":{"latencyMs":812}}
        """.getBytes(StandardCharsets.UTF_8);
    converseRequest = Json.write(translator.toProvider(openAiRequest, CONTEXT));
    deltaFrame = EventStreamCodec.encode(EventStreamMessage.of(
        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" sunny\"},\"p\":\"abcdefghijklmnopqrstu\"}"
            .getBytes(StandardCharsets.UTF_8),
        ":event-type", "contentBlockDelta", ":content-type", "application/json", ":message-type", "event"));
    decoder = new BedrockStreamDecoder("bedrock", new BedrockStreamTranslator("bedrock", CONTEXT));
  }

  @Benchmark
  public byte[] requestToConverse() {
    BedrockParameterPolicy.check(openAiRequest);
    return Json.write(translator.toProvider(openAiRequest, CONTEXT));
  }

  @Benchmark
  public byte[] converseResponseToOpenAi() throws Exception {
    ObjectNode parsed = (ObjectNode) Json.parse(converseResponse);
    return Json.write(translator.toOpenAi(parsed, CONTEXT));
  }

  @Benchmark
  public void streamFrameToChunk(Blackhole blackhole) {
    decoder.feed(deltaFrame, 0, deltaFrame.length, blackhole::consume);
  }

  @Benchmark
  public String signConverseRequest() {
    return signer.sign(new SigV4Signer.Request("POST", "/model/" + SigV4Signer.uriEncode(MODEL, true) + "/converse",
        List.of(), List.of(Map.entry("host", "bedrock-runtime.us-east-1.amazonaws.com"),
        Map.entry("content-type", "application/json"), Map.entry("accept", "application/json")), converseRequest),
        credentials, 1_764_000_000_000L).authorization();
  }
}
