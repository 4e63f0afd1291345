package dev.switchboard.core.cache.semantic;

import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs the cache evaluation with another embedding model, to compare it with all-MiniLM-L6-v2:
 * {@code minilm} or {@code e5} (e5-small-v2, int8; its prompts carry the "query: " prefix the model expects).
 * Arguments: model, paraphrase data folder, vector file (kept between runs).
 */
public final class EmbedderComparison {
  private EmbedderComparison() {}

  public static void main(String[] args) throws Exception {
    Embedder embedder = args[0].equals("e5") ? e5() : new MiniLmEmbedder();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      embedder.embed("How do I convert " + i + " US dollars to euros at today's rate?");
    }
    System.out.printf(Locale.ROOT, "%s: %.2f ms per short prompt (wall, incl. warm-up)%n", args[0],
        (System.nanoTime() - start) / 50e6);
    CacheEvaluation.Report report = new CacheEvaluation(embedder, Path.of(args[2])).evaluate(Path.of(args[1]),
        args.length > 3 ? Double.parseDouble(args[3]) : 0.96);
    System.out.print(report.format());
  }

  private static Embedder e5() {
    E5SmallV2QuantizedEmbeddingModel model = new E5SmallV2QuantizedEmbeddingModel(Runnable::run);
    return new Embedder() {
      @Override
      public float[] embed(String text) {
        return Vectors.normalise(model.embed("query: " + text).content().vector());
      }

      @Override
      public String name() {
        return "e5-small-v2 int8";
      }

      @Override
      public int dimension() {
        return 384;
      }
    };
  }
}
