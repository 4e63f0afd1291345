package dev.switchboard.bench.jmh;

import dev.switchboard.core.cache.semantic.Embedder;
import dev.switchboard.core.cache.semantic.MiniLmEmbedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vector index of the semantic tier: nearest cached prompt to a query among 1k, 10k or 100k unit vectors of
 * 384 dimensions (the embedding model's), by a flat scan (every vector, four-way unrolled dot product) and by a
 * Lucene HNSW graph (M 16, ef_construction 32, built in set-up, not measured; searched with ef 16).
 * {@code embedThenFlat} adds the embedding of a fresh prompt (all-MiniLM-L6-v2 int8, on the benchmark thread),
 * which is what a look-up that gets that far pays; embedding then HNSW costs the embedding plus {@code hnswSearch}.
 *
 * <p>The vectors are clustered like prompt embeddings are: 1,000 topics, each entry near its topic (cosine about
 * 0.8), and each query a close paraphrase of one entry (cosine about 0.97). Set-up prints HNSW's recall@1 against the
 * flat scan, since an approximate index that misses the true neighbour loses hits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VectorIndexBenchmark {
  private static final int DIMENSION = 384;
  private static final int QUERIES = 256;
  /** Candidates kept while searching the graph (its ef); the best of them is the answer. */
  private static final int BEAM = 16;
  private static final int MAX_CONNECTIONS = 16;
  /** The graph's beam while building (ef_construction); kept modest so that 100k entries build in minutes. */
  private static final int BUILD_BEAM = 32;

  @Param({"1000", "10000", "100000"})
  int entries;

  private float[][] vectors;
  private float[][] queries;
  private RandomAccessVectorValues.Floats values;
  private Embedder embedder;
  private int next;
  private int fresh;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    float[][] topics = new float[1000][];
    for (int i = 0; i < topics.length; i++) {
      topics[i] = unit(gaussian(random, 1.0f));
    }
    vectors = new float[entries][];
    for (int i = 0; i < entries; i++) {
      vectors[i] = near(topics[random.nextInt(topics.length)], random, 0.75f);
    }
    queries = new float[QUERIES][];
    int[] truth = new int[QUERIES];
    for (int q = 0; q < QUERIES; q++) {
      truth[q] = random.nextInt(entries);
      queries[q] = near(vectors[truth[q]], random, 0.25f);
    }
    List<float[]> list = new ArrayList<>(List.of(vectors));
    values = RandomAccessVectorValues.fromFloats(list, DIMENSION);
    embedder = new MiniLmEmbedder();
    embedder.embed("warm up the model");
  }

  /** The HNSW graph over the same vectors; only the benchmarks that search it pay for building it. */
  @State(Scope.Benchmark)
  public static class Graph {
    OnHeapHnswGraph graph;

    @Setup(Level.Trial)
    public void build(VectorIndexBenchmark index) throws IOException {
      long start = System.nanoTime();
      graph = HnswGraphBuilder.create(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
          VectorSimilarityFunction.DOT_PRODUCT, index.values), MAX_CONNECTIONS, BUILD_BEAM, 42).build(index.entries);
      long built = System.nanoTime() - start;
      int agree = 0;
      for (int q = 0; q < QUERIES; q++) {
        agree += index.hnsw(graph, index.queries[q]) == index.flat(index.queries[q]) ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "%n[%d entries] HNSW built in %.1f s; recall@1 against the flat scan %d of %d%n",
          index.entries, built / 1e9, agree, QUERIES);
    }
  }

  private static float[] gaussian(SplittableRandom random, float scale) {
    float[] v = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      v[i] = (float) random.nextGaussian() * scale;
    }
    return v;
  }

  /** A unit vector at cosine about {@code 1 / sqrt(1 + noise^2)} from {@code centre}. */
  private static float[] near(float[] centre, SplittableRandom random, float noise) {
    float[] v = gaussian(random, (float) (noise / Math.sqrt(DIMENSION)));
    for (int i = 0; i < DIMENSION; i++) {
      v[i] += centre[i];
    }
    return unit(v);
  }

  private static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  private static float dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    for (int i = 0; i < DIMENSION; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    return s0 + s1 + s2 + s3;
  }

  int flat(float[] query) {
    int best = -1;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < vectors.length; i++) {
      float score = dot(query, vectors[i]);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  int hnsw(OnHeapHnswGraph graph, float[] query) throws IOException {
    RandomVectorScorer scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
        VectorSimilarityFunction.DOT_PRODUCT, values, query);
    KnnCollector found = HnswGraphSearcher.search(scorer, BEAM, graph, null, Integer.MAX_VALUE);
    org.apache.lucene.search.ScoreDoc[] top = found.topDocs().scoreDocs;   // topDocs() drains the collector
    return top.length == 0 ? -1 : top[0].doc;
  }

  @Benchmark
  public int flatScan() {
    return flat(queries[next++ & (QUERIES - 1)]);
  }

  @Benchmark
  public int hnswSearch(Graph graph) throws IOException {
    return hnsw(graph.graph, queries[next++ & (QUERIES - 1)]);
  }

  /** Embedding of a prompt not seen before, then the flat scan. */
  @Benchmark
  public int embedThenFlat() {
    return flat(embedder.embed("How long does shipping to Lisbon take for order " + fresh++ + "?"));
  }
}
