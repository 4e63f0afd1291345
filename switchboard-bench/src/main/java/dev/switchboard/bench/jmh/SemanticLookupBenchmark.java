package dev.switchboard.bench.jmh;

import dev.switchboard.core.cache.SemanticTier;
import dev.switchboard.core.cache.semantic.Embedder;
import dev.switchboard.core.cache.semantic.LocalSemanticTier;
import dev.switchboard.core.cache.semantic.MiniLmEmbedder;
import dev.switchboard.core.config.SemanticCacheConfig;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Vertx;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A semantic look-up in one context holding 1k, 10k or 100k prompts (generated from a vocabulary, with random
 * unit vectors: only the look-up is measured, not filling the index). Three cases: a new prompt that shares no
 * content word with any cached one (the lexical gate stops it: no embedding), a new prompt with lexical
 * neighbours (the gate lets up to 32 candidates through to the guards; the embedding and the cosine run only when
 * one passes them, which for these random word sequences is rare), and the embedding alone.
 * Sample mode, so JMH prints p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SemanticLookupBenchmark {
  private static final String[] WORDS = ("battery laptop weight price shipping return refund warranty screen "
      + "keyboard colour size memory storage processor graphics camera phone tablet charger cable adapter case "
      + "speaker headphones microphone monitor printer router mouse desk chair lamp bag bottle jacket shoe shirt "
      + "watch ring necklace wallet umbrella tent stove kettle blender toaster oven fridge washer dryer vacuum "
      + "drill saw hammer paint brush garden hose mower grill bicycle helmet scooter skateboard ball racket").split(" ");

  @Param({"1000", "10000", "100000"})
  int entries;

  private Vertx vertx;
  private LocalSemanticTier tier;
  private Embedder embedder;
  private String[] strangers;
  private SplittableRandom queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    embedder = new MiniLmEmbedder();
    tier = new LocalSemanticTier(SemanticCacheConfig.defaults().withEnabled(true), embedder, vertx,
        Clock.system());
    SplittableRandom random = new SplittableRandom(42);
    long expires = Clock.system().epochMillis() + 3_600_000;
    for (int i = 0; i < entries; i++) {
      tier.index("ctx", "key-" + i, prompt(random, 6), randomUnit(random, embedder.dimension()), expires);
    }
    strangers = new String[64];
    for (int i = 0; i < strangers.length; i++) {
      strangers[i] = "Explain the proof of theorem " + (i + 2) + " in plain words";
    }
    queries = new SplittableRandom(7);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tier.close();
    vertx.close();
  }

  private static String prompt(SplittableRandom random, int words) {
    StringBuilder text = new StringBuilder("What is the");
    for (int i = 0; i < words; i++) {
      text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.append('?').toString();
  }

  private static float[] randomUnit(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    double sum = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
      sum += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int i = 0; i < dimension; i++) {
      v[i] *= scale;
    }
    return v;
  }

  @Benchmark
  public SemanticTier.Match lookupNoLexicalNeighbour() {
    return tier.findNow("ctx", strangers[next++ & 63]);
  }

  /** A fresh prompt each time (no memoised embedding) drawn from the same vocabulary. */
  @Benchmark
  public SemanticTier.Match lookupWithCandidates() {
    return tier.findNow("ctx", prompt(queries, 6));
  }

  @Benchmark
  public float[] embedOnly() {
    return embedder.embed(prompt(queries, 6));
  }
}
