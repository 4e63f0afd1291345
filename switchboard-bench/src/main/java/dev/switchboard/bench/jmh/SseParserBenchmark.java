package dev.switchboard.bench.jmh;

import dev.switchboard.core.stream.SseEventParser;
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
 * SSE framing: one whole OpenAI stream transcript (role chunk, content chunks, finish, usage, [DONE]) fed to
 * {@link SseEventParser} in random pieces of up to {@code maxPiece} bytes, as TCP reads deliver it. One op is one
 * whole stream of {@code words + 4} events (role, content, finish, usage, [DONE]).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SseParserBenchmark {
  /** Content chunks in the stream (a 40-token answer is typical of a short chat reply). */
  @Param({"40"})
  public int words;

  /** Largest piece a read delivers: 1460 is one Ethernet-MSS segment; 64 stresses boundary handling. */
  @Param({"64", "1460"})
  public int maxPiece;

  private byte[] transcript;
  private int[] cuts;

  @Setup
  public void setUp() {
    transcript = ChatBodies.streamTranscript(words);
    cuts = ChatBodies.randomCuts(transcript.length, maxPiece, 7);
  }

  @Benchmark
  public void parseStream(Blackhole blackhole) {
    SseEventParser parser = new SseEventParser(blackhole::consume);
    int from = 0;
    for (int cut : cuts) {
      parser.feed(transcript, from, cut - from);
      from = cut;
    }
    parser.finish();
  }
}
